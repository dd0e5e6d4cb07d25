package io.recq.cdi.todo;

import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.recq.api.CommandGateway;
import io.recq.api.QueryGateway;
import io.recq.api.Invoker;
import io.recq.api.Single;

/** Invoker with initializer injection of both gateways. */
@Invoker
public class TodoInvoker {

    private CommandGateway commands;
    private QueryGateway queries;

    @Inject
    void use(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public CompletableFuture<TodoListCreated> create(String listId, String title) {
        return commands.send(new CreateTodoList(listId, title));
    }

    public CompletableFuture<Single<TodoListView>> find(String listId) {
        return queries.query(new FindTodoList(listId));
    }
}

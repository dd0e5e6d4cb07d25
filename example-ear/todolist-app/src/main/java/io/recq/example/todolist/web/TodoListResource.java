package io.recq.example.todolist.web;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.recq.api.CommandGateway;
import io.recq.api.Invoker;
import io.recq.api.Metadata;
import io.recq.api.Multiple;
import io.recq.api.QueryGateway;
import io.recq.example.todolist.api.AddTodo;
import io.recq.example.todolist.api.CheckTodo;
import io.recq.example.todolist.api.CreateTodoList;
import io.recq.example.todolist.api.DeleteTodoList;
import io.recq.example.todolist.api.FindNotifications;
import io.recq.example.todolist.api.FindTodoList;
import io.recq.example.todolist.api.NotificationView;
import io.recq.example.todolist.api.RemoveTodo;
import io.recq.example.todolist.api.SearchTodoLists;
import io.recq.example.todolist.api.TodoListSummary;
import io.recq.example.todolist.api.TodoListView;
import io.recq.example.todolist.api.TodoRules;

/**
 * The TodoList over HTTP. Writes answer once the command's events are committed; reads come from the
 * read model, which follows within milliseconds.
 */
@Invoker
@Path("/lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TodoListResource {

    /** The request header naming the acting user. */
    public static final String USER_HEADER = "X-User";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    CommandGateway commandGateway;

    @Inject
    QueryGateway queryGateway;

    @POST
    public Response create(Requests.NewList body, @HeaderParam(USER_HEADER) String user) {
        if (body == null || body.name() == null) {
            throw new BadRequestException("the body needs a \"name\"");
        }
        String listId = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new CreateTodoList(listId, body.name()), as(user), TIMEOUT);
        return Response.created(URI.create("lists/" + listId)).entity(new Requests.Created(listId)).build();
    }

    @GET
    public Multiple<TodoListSummary> search(@QueryParam("name") @DefaultValue("") String name,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return queryGateway.queryAndWait(new SearchTodoLists(name, page, size), Metadata.empty(), TIMEOUT);
    }

    @GET
    @Path("/{listId}")
    public TodoListView find(@PathParam("listId") String listId) {
        return queryGateway.queryAndWait(new FindTodoList(listId), Metadata.empty(), TIMEOUT).asOptional()
                .orElseThrow(() -> new NotFoundException("no todo list " + listId));
    }

    @DELETE
    @Path("/{listId}")
    public Response delete(@PathParam("listId") String listId, @HeaderParam(USER_HEADER) String user) {
        commandGateway.sendAndWait(new DeleteTodoList(listId), as(user), TIMEOUT);
        return Response.noContent().build();
    }

    @POST
    @Path("/{listId}/todos")
    public Response addTodo(@PathParam("listId") String listId, Requests.NewTodo body,
            @HeaderParam(USER_HEADER) String user) {
        if (body == null || body.text() == null) {
            throw new BadRequestException("the body needs a \"text\"");
        }
        String todoId = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new AddTodo(listId, todoId, body.text()), as(user), TIMEOUT);
        return Response.created(URI.create("lists/" + listId + "/todos/" + todoId))
                .entity(new Requests.Created(todoId)).build();
    }

    @DELETE
    @Path("/{listId}/todos/{todoId}")
    public Response removeTodo(@PathParam("listId") String listId, @PathParam("todoId") String todoId,
            @HeaderParam(USER_HEADER) String user) {
        commandGateway.sendAndWait(new RemoveTodo(listId, todoId), as(user), TIMEOUT);
        return Response.noContent().build();
    }

    @POST
    @Path("/{listId}/todos/{todoId}/check")
    public Response check(@PathParam("listId") String listId, @PathParam("todoId") String todoId,
            @HeaderParam(USER_HEADER) String user) {
        commandGateway.sendAndWait(new CheckTodo(listId, todoId), as(user), TIMEOUT);
        return Response.noContent().build();
    }

    @GET
    @Path("/{listId}/notifications")
    public Multiple<NotificationView> notifications(@PathParam("listId") String listId) {
        return queryGateway.queryAndWait(new FindNotifications(listId), Metadata.empty(), TIMEOUT);
    }

    private static Metadata as(String user) {
        return Metadata.of(TodoRules.USER, user == null || user.isBlank() ? "anonymous" : user);
    }
}

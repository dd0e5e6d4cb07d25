/**
 * The read side of the TodoList: the JPA read model, the projector that keeps it up to date from events,
 * and the projection that answers queries from it. The read model lives in the application's own
 * persistence unit, {@value io.recq.example.todolist.readmodel.TodoListRecord#UNIT}.
 */
package io.recq.example.todolist.readmodel;

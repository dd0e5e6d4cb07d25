/**
 * The invoker of the TodoList: a JAX-RS resource that turns HTTP requests into commands and queries, with
 * the acting user taken from the {@code X-User} header, and maps failures to meaningful HTTP statuses.
 */
package io.recq.example.todolist.web;

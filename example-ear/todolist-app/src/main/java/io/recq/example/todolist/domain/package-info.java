/**
 * The write side of the TodoList: the aggregate that decides on events, and its state.
 */
package io.recq.example.todolist.domain;

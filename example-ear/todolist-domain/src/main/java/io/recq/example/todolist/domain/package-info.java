/**
 * The domain service of the TodoList: the aggregate that decides on events, its state, and the saga that
 * archives a list once all its todos are checked.
 */
package io.recq.example.todolist.domain;

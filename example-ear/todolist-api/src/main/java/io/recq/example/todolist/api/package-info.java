/**
 * The messages of the TodoList: its commands, events, queries and views. Every other package of the
 * example depends on these, and nothing here depends on anything else.
 */
package io.recq.example.todolist.api;

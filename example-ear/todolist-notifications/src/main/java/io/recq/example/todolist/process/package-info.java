/**
 * The notifications service: the observer that has the user notified when the last todo of a list is checked,
 * and the service that sends notifications.
 */
package io.recq.example.todolist.process;

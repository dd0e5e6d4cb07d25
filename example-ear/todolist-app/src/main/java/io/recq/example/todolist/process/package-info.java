/**
 * What happens around the todo lists: the saga that archives a list once all its todos are checked, the
 * observer that has the user notified, and the service that sends notifications.
 */
package io.recq.example.todolist.process;

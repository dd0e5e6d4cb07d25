/**
 * A small TodoList application with one component of each of the seven RECQ kinds, deployed by the
 * discovery tests in Weld SE and by the in-container tests in WildFly. Constructor, field and initializer
 * injection are each used by at least one component.
 */
package io.recq.cdi.todo;

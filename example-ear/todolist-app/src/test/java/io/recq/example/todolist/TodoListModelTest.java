package io.recq.example.todolist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.RecqModel;
import io.recq.example.todolist.web.TodoListResource;

/**
 * The web front passes the same validation as at deployment, and holds no handler: every command and query
 * it sends goes to another service.
 */
class TodoListModelTest {

    @Test
    void theFrontIsAValidInvokerAndHandlesNothing() {
        // given
        ComponentIntrospector testSubject = new ComponentIntrospector();

        // when
        ComponentIntrospector.Introspection introspection = testSubject.inspect(TodoListResource.class);
        RecqModel model = RecqModel.builder().add(introspection.component()).build();

        // then
        assertThat(introspection.problems()).extracting(DeploymentProblem::message).isEmpty();
        assertThat(model.components()).extracting(c -> c.kind()).containsExactly(ComponentKind.INVOKER);
        assertThat(model.commandHandlers()).isEmpty();
        assertThat(model.queryHandlers()).isEmpty();
        assertThat(model.eventHandlers()).isEmpty();
    }
}

package io.recq.example.todolist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.RecqModel;
import io.recq.example.todolist.api.AddTodo;
import io.recq.example.todolist.api.FindTodoList;
import io.recq.example.todolist.api.SendNotification;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.domain.TodoListAggregate;
import io.recq.example.todolist.process.AllCheckedObserver;
import io.recq.example.todolist.process.ArchiveSaga;
import io.recq.example.todolist.process.NotificationService;
import io.recq.example.todolist.readmodel.TodoListProjection;
import io.recq.example.todolist.readmodel.TodoListProjector;
import io.recq.example.todolist.web.TodoListResource;

/**
 * The example's components pass the same validation as at deployment, and route as intended.
 */
class TodoListModelTest {

    private static final List<Class<?>> COMPONENTS = List.of(TodoListAggregate.class, NotificationService.class,
            TodoListProjector.class, TodoListProjection.class, ArchiveSaga.class, AllCheckedObserver.class,
            TodoListResource.class);

    @Test
    void everyComponentIsValidAndTheSevenKindsAreThere() {
        // given
        ComponentIntrospector testSubject = new ComponentIntrospector();
        RecqModel.Builder builder = RecqModel.builder();

        // when
        for (Class<?> component : COMPONENTS) {
            ComponentIntrospector.Introspection introspection = testSubject.inspect(component);
            assertThat(introspection.problems()).extracting(DeploymentProblem::message).isEmpty();
            builder.add(introspection.component());
        }
        RecqModel model = builder.build();

        // then
        assertThat(model.components()).extracting(c -> c.kind()).containsExactlyInAnyOrder(ComponentKind.values());
        assertThat(model.commandHandler(AddTodo.class)).get()
                .satisfies(h -> assertThat((Object) h.componentClass()).isEqualTo(TodoListAggregate.class));
        assertThat(model.commandHandler(SendNotification.class)).get()
                .satisfies(h -> assertThat((Object) h.componentClass()).isEqualTo(NotificationService.class));
        assertThat(model.queryHandler(FindTodoList.class)).isPresent();
        assertThat(model.eventHandlers(TodoChecked.class)).extracting(h -> (Object) h.componentClass())
                .containsExactlyInAnyOrder(TodoListProjector.class, ArchiveSaga.class, AllCheckedObserver.class);
    }
}

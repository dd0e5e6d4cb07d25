package io.recq.cdi.todo;

import java.util.List;

/** The classes of the TodoList application, for the deployments that tests build. */
public final class TodoApplication {

    /** One component of each of the seven kinds. */
    public static final List<Class<?>> COMPONENTS = List.of(TodoListAggregate.class, NotificationService.class,
            TodoListProjector.class, TodoListProjection.class, ReminderSaga.class, AuditObserver.class,
            TodoInvoker.class);

    /** The ordinary beans the components inject. */
    public static final List<Class<?>> SUPPORT_BEANS = List.of(TodoClock.class, TodoListStore.class,
            NotificationLog.class);

    private TodoApplication() {
    }

    /**
     * @return the components and the beans they inject
     */
    public static Class<?>[] beanClasses() {
        return java.util.stream.Stream.concat(COMPONENTS.stream(), SUPPORT_BEANS.stream()).toArray(Class<?>[]::new);
    }
}

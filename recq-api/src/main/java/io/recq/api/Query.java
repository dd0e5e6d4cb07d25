package io.recq.api;

/**
 * A question to the read side, answered by exactly one {@link Projection} handler.
 *
 * <p>The answer type {@code R} is recovered from the class's generic interface declaration, for example
 * {@code record FindList(String id) implements Query<Single<TodoListView>>}; it may be
 * {@link Single}, {@link Multiple}, a record, a list of records, a {@code java.time} value or an enum.
 *
 * @param <R> the type of the answer
 */
public interface Query<R> extends Payload {
}

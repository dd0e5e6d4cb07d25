package io.recq.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.recq.api.Command;
import io.recq.api.Query;

/**
 * The answers a fixture gives to the queries and commands a handler sends, by exact payload class.
 */
final class Stubs {

    private final Map<Class<?>, Function<Object, ?>> queries = new LinkedHashMap<>();
    private final Map<Class<?>, Function<Object, ?>> commands = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    <Q extends Query<R>, R> void query(Class<Q> type, Function<? super Q, ? extends R> answer) {
        check(type, answer, "query");
        queries.put(type, q -> answer.apply((Q) q));
    }

    @SuppressWarnings("unchecked")
    <C extends Command> void command(Class<C> type, Function<? super C, ?> result) {
        check(type, result, "command");
        commands.put(type, c -> result.apply((C) c));
    }

    Optional<Function<Object, ?>> query(Class<?> type) {
        return Optional.ofNullable(queries.get(type));
    }

    Optional<Function<Object, ?>> command(Class<?> type) {
        return Optional.ofNullable(commands.get(type));
    }

    private static void check(Class<?> type, Object function, String what) {
        if (type == null || function == null) {
            throw new IllegalArgumentException("A " + what + " stub needs the " + what + " class and a function");
        }
    }
}

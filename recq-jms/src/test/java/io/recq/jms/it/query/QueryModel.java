package io.recq.jms.it.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.recq.api.CommandGateway;
import io.recq.api.Multiple;
import io.recq.api.Projection;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.QueryHandler;
import io.recq.api.ServiceCommand;
import io.recq.api.Single;
import io.recq.api.View;

/**
 * Queries of every answer shape, and the projection that answers them.
 */
public final class QueryModel {

    private QueryModel() {
    }

    public enum Color { RED, GREEN, BLUE }

    public record Detail(String label, LocalDate day, Color color) {
    }

    public record ItemView(String id, String echo, Instant at, Color color, Detail detail, List<Detail> details)
            implements View {
    }

    public record FindItem(String id) implements Query<Single<ItemView>> {
    }

    public record FindNothing(String id) implements Query<Single<ItemView>> {
    }

    public record ListItems(String prefix, int count) implements Query<Multiple<ItemView>> {
    }

    public record EchoItem(String value) implements Query<ItemView> {
    }

    public record ItemList(String value, int count) implements Query<List<ItemView>> {
    }

    public record WhatInstant(long epochSecond) implements Query<Instant> {
    }

    public record PickColor(String name) implements Query<Color> {
    }

    public record FailingQuery(String reason) implements Query<String> {
    }

    public record SlowQuery(long millis) implements Query<String> {
    }

    public record NestedQuery(String value) implements Query<ItemView> {
    }

    public record CommandingQuery(String value) implements Query<String> {
    }

    /** A query no component handles. */
    public record UnhandledQuery(String value) implements Query<String> {
    }

    /** A command a projection must not send. */
    public record Ping(String value) implements ServiceCommand {
    }

    /** A projection handler's own exception. */
    public static class ItemMissingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ItemMissingException(String message) {
            super(message);
        }
    }

    static ItemView item(String id, String echo) {
        Detail detail = new Detail("main-" + echo, LocalDate.of(2026, 11, 25), Color.GREEN);
        return new ItemView(id, echo, Instant.ofEpochSecond(1_764_000_000L, 123_000_000L), Color.BLUE, detail,
                List.of(detail, new Detail("second", LocalDate.of(2020, 2, 29), Color.RED)));
    }

    @Projection
    public static class ItemProjection {

        @QueryHandler
        Single<ItemView> find(FindItem query) {
            return Single.of(item(query.id(), query.id()));
        }

        @QueryHandler
        Single<ItemView> findNothing(FindNothing query) {
            return Single.empty();
        }

        @QueryHandler
        Multiple<ItemView> list(ListItems query) {
            List<ItemView> items = new ArrayList<>();
            for (int i = 0; i < query.count(); i++) {
                items.add(item(query.prefix() + i, query.prefix()));
            }
            return Multiple.of(items);
        }

        @QueryHandler
        ItemView echo(EchoItem query) {
            return item("echo", query.value());
        }

        @QueryHandler
        List<ItemView> itemList(ItemList query) {
            List<ItemView> items = new ArrayList<>();
            for (int i = 0; i < query.count(); i++) {
                items.add(item(Integer.toString(i), query.value()));
            }
            return items;
        }

        @QueryHandler
        Instant instant(WhatInstant query) {
            return Instant.ofEpochSecond(query.epochSecond(), 500);
        }

        @QueryHandler
        Color color(PickColor query) {
            return Color.valueOf(query.name());
        }

        @QueryHandler
        String fail(FailingQuery query) {
            throw new ItemMissingException("no item " + query.reason());
        }

        @QueryHandler
        String slow(SlowQuery query) throws InterruptedException {
            Thread.sleep(query.millis());
            return "slept " + query.millis();
        }

        @QueryHandler
        ItemView nested(NestedQuery query, QueryGateway queries) {
            ItemView inner = queries.queryAndWait(new EchoItem("inner-" + query.value()));
            return new ItemView("outer", query.value(), inner.at(), inner.color(), inner.detail(), inner.details());
        }

        @QueryHandler
        String commanding(CommandingQuery query, CommandGateway commands) {
            commands.sendAndWait(new Ping(query.value()));
            return "sent";
        }
    }
}

package io.recq.jpa.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.api.Catalog;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.CatalogStore;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.jpa.StoreDataSource;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link CatalogStore} in the store's database, with JDBC: {@code recq_service_instances} (one row per
 * running instance, its heartbeat refreshed) and {@code recq_service_messages} (what each service handles,
 * consumes and sends). Every method runs outside the caller's transaction: a registration in one transaction of
 * its own, everything else one statement at a time.
 */
@Singleton
public class JdbcCatalogStore implements CatalogStore {

    private static final String INSTANCE_COLUMNS = "instance_id, service_name, service_version, node, ready, "
            + "started_at, heartbeat_at, tx_node, dead_letter_queue";
    private static final String MESSAGE_COLUMNS = "service_name, message_role, payload_type, payload_class, "
            + "component, component_kind, json_schema";

    @Inject
    StoreDataSource dataSource;

    @Inject
    StoreLifecycle lifecycle;

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public void register(InstanceRecord instance, List<Catalog.MessageEntry> messages, Instant now) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection()) {
            update(connection, "DELETE FROM recq_service_instances WHERE instance_id = ?", instance.id());
            update(connection, "INSERT INTO recq_service_instances (" + INSTANCE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?)", instance.id(), instance.service(), instance.version(), instance.node(),
                    instance.ready(), time(instance.startedAt()), time(now), instance.transactionNode(), null);
            update(connection, "DELETE FROM recq_service_messages WHERE service_name = ? AND message_role NOT LIKE "
                    + "'sends-%'", instance.service());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recq_service_messages ("
                    + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Catalog.MessageEntry message : messages) {
                    bind(insert, instance.service(), message);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw failure("registration of the service instance " + instance.id(), e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void addSends(String service, Collection<Catalog.MessageEntry> messages) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection()) {
            for (Catalog.MessageEntry message : messages) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM recq_service_messages "
                        + "WHERE service_name = ? AND message_role = ? AND payload_type = ? AND component = ?")) {
                    exists.setString(1, service);
                    exists.setString(2, message.role());
                    exists.setString(3, message.payloadType());
                    exists.setString(4, message.component());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recq_service_messages ("
                        + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    bind(insert, service, message);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    // another instance of the service wrote it at the same time: it is there
                }
            }
        } catch (SQLException e) {
            throw failure("catalog write of what the service " + service + " sends", e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean heartbeat(String instanceId, boolean ready, Instant now) {
        return heartbeat(instanceId, ready, null, now);
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean heartbeat(String instanceId, boolean ready, String deadLetterQueue, Instant now) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection()) {
            return update(connection, "UPDATE recq_service_instances SET heartbeat_at = ?, ready = ?, "
                    + "dead_letter_queue = COALESCE(CAST(? AS VARCHAR(255)), dead_letter_queue) WHERE instance_id = ?", time(now), ready,
                    deadLetterQueue, instanceId) == 1;
        } catch (SQLException e) {
            throw failure("heartbeat of the service instance " + instanceId, e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void remove(String instanceId, Instant expiredBefore) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection()) {
            if (instanceId != null) {
                update(connection, "DELETE FROM recq_service_instances WHERE instance_id = ?", instanceId);
            }
            update(connection, "DELETE FROM recq_service_instances WHERE heartbeat_at < ?", time(expiredBefore));
        } catch (SQLException e) {
            throw failure("removal of service instances", e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<InstanceRecord> instances(Instant aliveSince) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM "
                        + "recq_service_instances WHERE heartbeat_at >= ? ORDER BY started_at, instance_id")) {
            select.setObject(1, time(aliveSince));
            List<InstanceRecord> instances = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    instances.add(new InstanceRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), instant(rs, 6), rs.getString(8), instant(rs, 7)));
                }
            }
            return instances;
        } catch (SQLException e) {
            throw failure("read of the service instances", e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Catalog.ServiceEntry> services(Instant aliveSince) {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection()) {
            Map<String, List<Catalog.InstanceEntry>> instances = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM "
                    + "recq_service_instances WHERE heartbeat_at >= ? ORDER BY service_name, started_at DESC")) {
                select.setObject(1, time(aliveSince));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        instances.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                .add(new Catalog.InstanceEntry(rs.getString(1), rs.getString(3), rs.getString(4),
                                        rs.getBoolean(5), instant(rs, 6), instant(rs, 7), rs.getString(9)));
                    }
                }
            }
            Map<String, List<Catalog.MessageEntry>> messages = new LinkedHashMap<>();
            if (!instances.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM "
                        + "recq_service_messages ORDER BY service_name, message_role, payload_type, component");
                        ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String service = rs.getString(1);
                        if (instances.containsKey(service)) {
                            messages.computeIfAbsent(service, k -> new ArrayList<>()).add(new Catalog.MessageEntry(
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7)));
                        }
                    }
                }
            }
            List<Catalog.ServiceEntry> services = new ArrayList<>();
            instances.forEach((name, running) -> services.add(new Catalog.ServiceEntry(name, List.copyOf(running),
                    List.copyOf(messages.getOrDefault(name, List.of())))));
            return services;
        } catch (SQLException e) {
            throw failure("read of the catalog", e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Catalog.ConsumerEntry> consumers() {
        ensureSchema();
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT consumer_id, last_sequence, owner_node, "
                        + "lease_until FROM recq_consumers ORDER BY consumer_id");
                ResultSet rs = select.executeQuery()) {
            List<Catalog.ConsumerEntry> consumers = new ArrayList<>();
            while (rs.next()) {
                consumers.add(new Catalog.ConsumerEntry(rs.getString(1), rs.getLong(2), rs.getString(3),
                        instant(rs, 4)));
            }
            return consumers;
        } catch (SQLException e) {
            throw failure("read of the event consumers", e);
        }
    }

    private static void bind(PreparedStatement insert, String service, Catalog.MessageEntry message)
            throws SQLException {
        insert.setString(1, service);
        insert.setString(2, message.role());
        insert.setString(3, message.payloadType());
        insert.setString(4, message.payloadClass());
        insert.setString(5, message.component());
        insert.setString(6, message.componentKind());
        insert.setString(7, message.jsonSchema());
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static TransientStoreException failure(String what, SQLException e) {
        return new TransientStoreException(ErrorCode.STORE_UNAVAILABLE.code() + " the RECQ catalog failed in the "
                + what + ": " + e.getMessage() + ". Fix: check the store's database", e);
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}

-- RECQ store schema for H2 2.x. Run at start-up when a table is missing; every statement may run again.
CREATE TABLE IF NOT EXISTS recq_sequence (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    last_assigned BIGINT NOT NULL
);
INSERT INTO recq_sequence (name, last_assigned) SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM recq_sequence WHERE name = 'events');
CREATE TABLE IF NOT EXISTS recq_events (
    global_sequence BIGINT NOT NULL PRIMARY KEY,
    aggregate_id VARCHAR(255),
    aggregate_version BIGINT NOT NULL,
    payload_type VARCHAR(255) NOT NULL,
    payload CHARACTER LARGE OBJECT NOT NULL,
    metadata CHARACTER LARGE OBJECT NOT NULL,
    event_context VARCHAR(255) NOT NULL,
    stored_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT recq_events_aggregate_version UNIQUE (aggregate_id, aggregate_version)
);
CREATE INDEX IF NOT EXISTS recq_events_context ON recq_events (event_context, global_sequence);
CREATE TABLE IF NOT EXISTS recq_snapshots (
    aggregate_id VARCHAR(255) NOT NULL PRIMARY KEY,
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_version BIGINT NOT NULL,
    state CHARACTER LARGE OBJECT NOT NULL,
    taken_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE TABLE IF NOT EXISTS recq_idempotency (
    idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY,
    command_type VARCHAR(255),
    result_type VARCHAR(255),
    result CHARACTER LARGE OBJECT,
    recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS recq_idempotency_recorded_at ON recq_idempotency (recorded_at);

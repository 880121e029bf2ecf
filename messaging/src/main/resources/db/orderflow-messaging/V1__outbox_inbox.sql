-- Messaging's own tables, in their own schema with their own Flyway history, apart from the service's tables.

-- Messages waiting to be (or recently) published. Rows of one message_key are inserted under an advisory lock
-- on the key, so their ids follow commit order; the relay publishes unpublished rows by increasing id.
create table messaging.outbox (
    id             bigint generated always as identity primary key,
    message_id     uuid        not null,
    topic          text        not null,
    message_key    text        not null,
    type           text        not null,
    source         text        not null,
    occurred_at    timestamptz not null,
    sequence       bigint,
    correlation_id text        not null,
    causation_id   text,
    traceparent    text        not null,
    payload        bytea       not null,
    published_at   timestamptz
);

-- The relay's work queue: small however large the table, as published rows drop out of it.
create index outbox_unpublished on messaging.outbox (id) where published_at is null;
-- Housekeeping's purge of published rows.
create index outbox_published on messaging.outbox (published_at) where published_at is not null;

-- Ids of messages each consumer has handled: inserted in the handler's transaction, a conflict is a duplicate.
create table messaging.inbox (
    consumer    text        not null,
    message_id  text        not null,
    received_at timestamptz not null,
    primary key (consumer, message_id)
);

create index inbox_received on messaging.inbox (received_at);

-- Dead letters an operator replayed, so that "replay all" does not replay one twice.
create table messaging.dead_letter_replay (
    dead_letter_topic text        not null,
    partition         integer     not null,
    record_offset     bigint      not null,
    message_id        text,
    replayed_at       timestamptz not null,
    primary key (dead_letter_topic, partition, record_offset)
);

-- The test application's own schema, migrated by the application's Flyway beside messaging's own.

-- A test aggregate: its version is the sequence of the messages appended for it.
create table test_aggregate (
    id      text   primary key,
    version bigint not null
);

-- One row per effect of the test handler: counting them shows whether a message was handled once.
create table test_effect (
    id         bigint generated always as identity primary key,
    message_id text   not null,
    order_id   uuid   not null,
    kind       text   not null
);

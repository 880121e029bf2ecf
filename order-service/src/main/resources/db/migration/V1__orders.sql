-- Event store: the order's history is the source of truth. (order_id, version) as the key is the optimistic
-- concurrency check: two writers that loaded the same version cannot both append the next one.
CREATE TABLE order_event (
    order_id    uuid        NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1),
    type        text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, version)
);

-- Projection for queries, written in the same transaction as the events it is derived from, so it is never
-- behind; it can always be thrown away and rebuilt from order_event.
CREATE TABLE order_summary (
    order_id       uuid          PRIMARY KEY,
    customer_id    text          NOT NULL,
    status         text          NOT NULL,
    failure_reason text,
    lines          jsonb         NOT NULL,
    total_amount   numeric(14, 2) NOT NULL,
    currency       char(3)       NOT NULL,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    version        bigint        NOT NULL
);
CREATE INDEX order_summary_by_customer ON order_summary (customer_id, created_at DESC);
CREATE INDEX order_summary_by_status ON order_summary (status, created_at DESC);

-- Idempotency-Key of POST /api/orders. The primary key makes a retried request, even a concurrent one, find
-- the order of the first instead of placing a second; the hash tells a retry from a different request.
CREATE TABLE idempotency_key (
    idempotency_key text        PRIMARY KEY,
    request_hash    text        NOT NULL,
    order_id        uuid        NOT NULL,
    created_at      timestamptz NOT NULL
);

-- Read-only replica of inventory's catalog (inventory.products). sequence is the product's version in
-- inventory: an older one never overwrites a newer one.
CREATE TABLE catalog_product (
    sku          text           PRIMARY KEY,
    name         text           NOT NULL,
    price_amount numeric(14, 2) NOT NULL,
    currency     char(3)        NOT NULL,
    sequence     bigint,
    updated_at   timestamptz    NOT NULL
);

-- State of the place-order saga, one row per order. Handlers lock the row (FOR UPDATE) and bump version, so a
-- reply, a cancel and the deadline scan never act on the same saga at once.
CREATE TABLE place_order_saga (
    order_id           uuid           PRIMARY KEY,
    customer_id        text           NOT NULL,
    total_amount       numeric(14, 2) NOT NULL,
    currency           char(3)        NOT NULL,
    step               text           NOT NULL,
    reason             text,
    payment_requested  boolean        NOT NULL,
    refund_requested   boolean        NOT NULL,
    started_at         timestamptz    NOT NULL,
    deadline           timestamptz,
    ended_at           timestamptz,
    version            bigint         NOT NULL
);
-- Only running sagas have a deadline: the scan's index stays as small as the number of sagas in flight.
CREATE INDEX place_order_saga_due ON place_order_saga (deadline) WHERE deadline IS NOT NULL;

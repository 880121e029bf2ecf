-- The console's read model: one row per order, merged from every message of its saga, and the messages themselves.
-- Built from the topics only; dropped and replayed from them, it comes back the same.
CREATE TABLE order_flow (
    order_id     UUID         PRIMARY KEY,
    customer_id  VARCHAR(64),
    total_amount NUMERIC(19, 4),
    currency     VARCHAR(3),
    placed_at    TIMESTAMPTZ,
    step         VARCHAR(32)  NOT NULL,
    step_at      TIMESTAMPTZ  NOT NULL,
    outcome      VARCHAR(16)  CHECK (outcome IN ('CONFIRMED', 'REJECTED', 'CANCELLED')),
    reason       VARCHAR(500),
    finished_at  TIMESTAMPTZ,
    messages     INTEGER      NOT NULL CHECK (messages > 0),
    CONSTRAINT order_flow_outcome_has_time CHECK ((outcome IS NULL) = (finished_at IS NULL))
);

-- Orders in flight, the one waiting longest first; and the outcomes of the last minutes.
CREATE INDEX order_flow_in_flight ON order_flow (step_at) WHERE outcome IS NULL;
CREATE INDEX order_flow_finished ON order_flow (finished_at) WHERE outcome IS NOT NULL;

CREATE TABLE milestone (
    message_id  TEXT         PRIMARY KEY,
    order_id    UUID         NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    step        VARCHAR(32)  NOT NULL,
    service     VARCHAR(128) NOT NULL,
    topic       VARCHAR(128) NOT NULL,
    at          TIMESTAMPTZ  NOT NULL,
    detail      VARCHAR(500) NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX milestone_by_order ON milestone (order_id, at);

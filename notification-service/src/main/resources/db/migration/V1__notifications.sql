-- One row per message to a customer. The unique (order_id, template) is what makes "notify once" hold even when
-- the same order event arrives again under a new message id.
CREATE TABLE notification (
    id                  UUID         PRIMARY KEY,
    order_id            UUID         NOT NULL,
    customer_id         VARCHAR(64)  NOT NULL,
    channel             VARCHAR(16)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    template            VARCHAR(32)  NOT NULL,
    recipient           VARCHAR(255) NOT NULL,
    body                TEXT         NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts            INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at     TIMESTAMPTZ  NOT NULL,
    last_error          VARCHAR(500),
    provider_message_id VARCHAR(128),
    source_message_id   VARCHAR(128) NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    sent_at             TIMESTAMPTZ,
    version             BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT notification_once_per_order_and_template UNIQUE (order_id, template),
    CONSTRAINT notification_sent_has_time CHECK (status <> 'SENT' OR sent_at IS NOT NULL)
);

-- The dispatcher's scan: only PENDING rows, in due order.
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_by_customer ON notification (customer_id, created_at);

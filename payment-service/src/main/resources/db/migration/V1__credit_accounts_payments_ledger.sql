-- Credit each customer may spend; available = credit_limit - what authorized payments hold.
CREATE TABLE credit_accounts (
    customer_id  VARCHAR(64)    PRIMARY KEY,
    credit_limit NUMERIC(14, 2) NOT NULL CHECK (credit_limit >= 0),
    available    NUMERIC(14, 2) NOT NULL CHECK (available >= 0 AND available <= credit_limit),
    currency     VARCHAR(3)     NOT NULL,
    version      BIGINT         NOT NULL,
    updated_at   TIMESTAMPTZ    NOT NULL
);

-- One payment per order, whatever its outcome: the unique order id is what makes "never charge twice" hold
-- even if two deliveries of one command race.
CREATE TABLE payments (
    id          UUID           PRIMARY KEY,
    order_id    UUID           NOT NULL UNIQUE,
    customer_id VARCHAR(64)    NOT NULL,
    amount      NUMERIC(14, 2) NOT NULL CHECK (amount > 0),
    currency    VARCHAR(3)     NOT NULL,
    status      VARCHAR(16)    NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'REFUNDED')),
    reason      VARCHAR(32),
    detail      VARCHAR(500)   NOT NULL DEFAULT '',
    charge_id   VARCHAR(100),
    refund_id   VARCHAR(100),
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL,
    version     BIGINT         NOT NULL,
    CHECK ((status = 'DECLINED') = (reason IS NOT NULL)),
    CHECK (status = 'DECLINED' OR charge_id IS NOT NULL)
);
CREATE INDEX payments_customer_created ON payments (customer_id, created_at);

-- Orders refunded before any payment was taken: a later authorization for them is declined.
CREATE TABLE closed_orders (
    order_id  UUID        PRIMARY KEY,
    reason    VARCHAR(32) NOT NULL,
    closed_at TIMESTAMPTZ NOT NULL
);

-- Every change of a customer's available credit, with the balance after it. Rows are never changed or removed.
CREATE TABLE ledger_entries (
    id              UUID           PRIMARY KEY,
    customer_id     VARCHAR(64)    NOT NULL,
    kind            VARCHAR(16)    NOT NULL CHECK (kind IN ('CHARGE', 'REFUND', 'LIMIT_CHANGE')),
    amount          NUMERIC(14, 2) NOT NULL,
    available_after NUMERIC(14, 2) NOT NULL,
    currency        VARCHAR(3)     NOT NULL,
    order_id        UUID,
    payment_id      UUID,
    created_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX ledger_entries_customer ON ledger_entries (customer_id, created_at);
CREATE INDEX ledger_entries_order ON ledger_entries (order_id);

CREATE FUNCTION ledger_entries_are_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only();

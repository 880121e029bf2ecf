-- When each credit account was opened: how long a customer has been one is a feature of payment screening. Accounts
-- opened before this migration count as opened by it.
ALTER TABLE credit_accounts ADD COLUMN opened_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- Each customer's payment history as payment screening reads it (the screening module's CustomerHistory.State): the
-- times of the attempts of the last day, and the totals since the account opened. Written with the customer's
-- account locked: by the transaction that decides on an attempt, and by those that learn its outcome (the charge
-- worker's) or refund it.
CREATE TABLE customer_history (
    customer_id       VARCHAR(64)      PRIMARY KEY REFERENCES credit_accounts (customer_id),
    attempts          BIGINT           NOT NULL CHECK (attempts >= 0),
    authorized        BIGINT           NOT NULL CHECK (authorized >= 0),
    authorized_amount DOUBLE PRECISION NOT NULL CHECK (authorized_amount >= 0),
    largest_amount    DOUBLE PRECISION NOT NULL CHECK (largest_amount >= 0),
    declines          BIGINT           NOT NULL CHECK (declines >= 0),
    refunds           BIGINT           NOT NULL CHECK (refunds >= 0),
    last_attempt_at   TIMESTAMPTZ,
    last_day          TIMESTAMPTZ[]    NOT NULL,
    CONSTRAINT customer_history_outcomes CHECK (authorized + declines <= attempts)
);

-- When a payment declined as PAYMENT_UNAVAILABLE was checked against the gateway for a charge that went through
-- after we gave up on it (a slow gateway finishing late); such a charge is refunded.
ALTER TABLE payments ADD COLUMN reconciled_at TIMESTAMPTZ;

CREATE INDEX payments_to_reconcile ON payments (created_at)
    WHERE status = 'DECLINED' AND reason = 'PAYMENT_UNAVAILABLE' AND reconciled_at IS NULL;

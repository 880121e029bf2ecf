-- When a declined payment was checked against the gateway for a charge that went through anyway: a slow gateway
-- finishing after we gave up, or a charge whose commit failed and whose redelivery was then declined. Such a charge
-- is refunded.
ALTER TABLE payments ADD COLUMN reconciled_at TIMESTAMPTZ;

CREATE INDEX payments_to_reconcile ON payments (created_at) WHERE status = 'DECLINED' AND reconciled_at IS NULL;

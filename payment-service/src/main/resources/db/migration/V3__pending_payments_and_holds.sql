-- The gateway is called outside the command's transaction: an authorization first holds the amount on the account
-- and stores the payment as PENDING; a charge worker claims it, charges at the gateway, then settles it.

-- available stays what charges have not taken (the ledger's balance); held is what PENDING payments hold of it, so
-- what a customer may still spend is available - held.
ALTER TABLE credit_accounts ADD COLUMN held NUMERIC(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE credit_accounts ADD CONSTRAINT credit_accounts_held_covered CHECK (held >= 0 AND held <= available);

ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'REFUNDED'));
-- A pending payment has no charge yet, or one made after its order was closed (about to be refunded).
ALTER TABLE payments DROP CONSTRAINT payments_check1;
ALTER TABLE payments ADD CONSTRAINT payments_charged_unless_declined
    CHECK (status IN ('DECLINED', 'PENDING') OR charge_id IS NOT NULL);

-- The claim of a charge worker: hidden from other workers until then, taken over after it (a crashed instance).
ALTER TABLE payments ADD COLUMN lease_until TIMESTAMPTZ;
-- How many times a worker claimed it: above 1, an earlier attempt may have reached the gateway.
ALTER TABLE payments ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- A refund asked for while the payment was pending (the saga gave up on the order): why, and when.
ALTER TABLE payments ADD COLUMN close_reason VARCHAR(32);
ALTER TABLE payments ADD COLUMN close_requested_at TIMESTAMPTZ;
-- The command that asked for the payment, so the reply sent after the charge names it as its cause and continues
-- its trace.
ALTER TABLE payments ADD COLUMN command_id VARCHAR(100);
ALTER TABLE payments ADD COLUMN command_traceparent VARCHAR(100);

CREATE INDEX payments_pending ON payments (created_at) WHERE status = 'PENDING';

-- A payment can be declined long after it was created (it waited for the gateway): reconciliation counts its grace
-- from the decline.
DROP INDEX payments_to_reconcile;
CREATE INDEX payments_to_reconcile ON payments (updated_at) WHERE status = 'DECLINED' AND reconciled_at IS NULL;

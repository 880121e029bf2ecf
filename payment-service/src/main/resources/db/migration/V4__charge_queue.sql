-- The charge workers' queue moves out of the payments table into a queue of its own, in the shape of messaging's
-- WorkQueue: a payment holds payment state only, and the lease is the queue's business. due_at is both when an item
-- may be claimed and, once claimed, when its lease runs out.
CREATE TABLE charge_queue (
    item_id     UUID        PRIMARY KEY REFERENCES payments (id) DEFERRABLE INITIALLY DEFERRED,
    due_at      TIMESTAMPTZ NOT NULL,
    attempts    INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    enqueued_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX charge_queue_due ON charge_queue (due_at);
ALTER TABLE charge_queue SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);

-- What was pending when this ran keeps its place: a running lease stays until it ends, the rest is due at once.
INSERT INTO charge_queue (item_id, due_at, attempts, enqueued_at)
SELECT id, COALESCE(lease_until, created_at), attempts, created_at FROM payments WHERE status = 'PENDING';

ALTER TABLE payments DROP COLUMN lease_until;
ALTER TABLE payments DROP COLUMN attempts;

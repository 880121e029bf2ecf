-- The dispatchers' queue moves out of the notification table into a queue of its own, in the shape of messaging's
-- WorkQueue: a notification keeps what happened to it (status, attempts made, last error), and when it is next
-- due (or until when a dispatcher holds it) is the queue's business.
CREATE TABLE notification_queue (
    item_id     UUID        PRIMARY KEY REFERENCES notification (id) DEFERRABLE INITIALLY DEFERRED,
    due_at      TIMESTAMPTZ NOT NULL,
    attempts    INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    enqueued_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_queue_due ON notification_queue (due_at);
ALTER TABLE notification_queue SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);

-- What was pending when this ran keeps its place and its count of attempts.
INSERT INTO notification_queue (item_id, due_at, attempts, enqueued_at)
SELECT id, next_attempt_at, attempts, created_at FROM notification WHERE status = 'PENDING';

DROP INDEX notification_due;
ALTER TABLE notification DROP COLUMN next_attempt_at;

-- Keys are purged after orderflow.order.idempotency-key-retention: the purge finds them by age.
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);

package dev.orderflow.order.placing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The {@code idempotency_key} table: which order each key placed, and the fingerprint of its request. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for a new order. When another transaction holds the key uncommitted, this waits for it
     * (primary key): if that one commits, the claim fails and the caller finds its order; if it rolls back, the
     * claim succeeds. Either way one key never places two orders.
     */
    boolean claim(String key, String fingerprint, UUID orderId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (idempotency_key, request_hash, order_id, created_at)
                        VALUES (:key, :hash, :orderId, :now)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .param("key", key)
                .param("hash", fingerprint)
                .param("orderId", orderId)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update() == 1;
    }

    ClaimedKey find(String key) {
        return jdbc.sql("SELECT request_hash, order_id FROM idempotency_key WHERE idempotency_key = :key")
                .param("key", key)
                .query((rs, row) -> new ClaimedKey(rs.getString("request_hash"), rs.getObject("order_id", UUID.class)))
                .single();
    }

    /** Forgets up to {@code limit} keys claimed before the cutoff; answers how many. */
    int purgeClaimedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM idempotency_key WHERE idempotency_key IN (
                            SELECT idempotency_key FROM idempotency_key WHERE created_at < :cutoff
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }

    record ClaimedKey(String fingerprint, UUID orderId) {
    }
}

package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.OutgoingMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;

/**
 * Writes outbox rows inside the caller's transaction.
 *
 * <p>Before inserting, it takes a transaction-scoped advisory lock on the record key. Two transactions appending
 * for the same key therefore allocate their row ids in the order they commit: the second cannot draw an id until
 * the first has committed or rolled back. That is what lets the relay publish unpublished rows by increasing id
 * and still keep every key's commit order, even though ids of different keys commit out of order.
 */
public class OutboxStore {

    /** The NOTIFY channel the relay LISTENs on; the notification is delivered when the appending transaction commits. */
    public static final String CHANNEL = "orderflow_outbox";

    /** First half of the two-int advisory lock key: keeps our key locks apart from anyone else's. */
    static final int KEY_LOCK_SPACE = 0x0F0F_0B0C;

    /**
     * One statement, one round trip: the key's lock is taken (and the relay notified) in the CTE, which the insert
     * reads its one row from, so the lock is held before the row's identity is drawn.
     */
    private static final String APPEND = """
            with key_lock as (select pg_advisory_xact_lock(?, hashtext(?))%s)
            insert into messaging.outbox (message_id, topic, message_key, type, source, occurred_at, sequence,
                                          correlation_id, causation_id, traceparent, payload)
            select ?::uuid, ?::text, ?::text, ?::text, ?::text, ?::timestamptz, ?::bigint, ?::text, ?::text, ?::text,
                   ?::bytea
            from key_lock""";

    private final JdbcTemplate jdbc;
    private final String append;

    public OutboxStore(JdbcTemplate jdbc, boolean notify) {
        this.jdbc = jdbc;
        this.append = APPEND.formatted(notify ? ", pg_notify('" + CHANNEL + "', '')" : "");
    }

    public void insert(OutgoingMessage message) {
        jdbc.update(append, KEY_LOCK_SPACE, message.key(), message.id(), message.topic(), message.key(),
                message.type(), message.source(), Timestamp.from(message.time()), message.sequence(),
                message.correlationId(), message.causationId(), message.traceparent(), message.payload());
    }
}

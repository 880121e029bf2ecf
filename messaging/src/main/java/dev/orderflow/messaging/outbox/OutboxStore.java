package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.OutgoingMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

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

    private static final String LOCK_AND_NOTIFY =
            "select pg_advisory_xact_lock(?, hashtext(?)), pg_notify('" + CHANNEL + "', '')";
    private static final String LOCK = "select pg_advisory_xact_lock(?, hashtext(?))";
    private static final String INSERT = """
            insert into messaging.outbox (message_id, topic, message_key, type, source, occurred_at, sequence,
                                          correlation_id, causation_id, traceparent, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final boolean notify;

    public OutboxStore(JdbcTemplate jdbc, boolean notify) {
        this.jdbc = jdbc;
        this.notify = notify;
    }

    public void insert(OutgoingMessage message) {
        RowCallbackHandler ignore = rs -> { };
        jdbc.query(notify ? LOCK_AND_NOTIFY : LOCK, ignore, KEY_LOCK_SPACE, message.key());
        jdbc.update(INSERT, message.id(), message.topic(), message.key(), message.type(), message.source(),
                Timestamp.from(message.time()), message.sequence(), message.correlationId(), message.causationId(),
                message.traceparent(), message.payload());
    }
}

package dev.orderflow.messaging.work;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One queue table of work to be done outside a transaction, shared by the workers of every instance of a service.
 * A service creates the table in its own migrations, in this shape (the name is the service's):
 * <pre>{@code
 * CREATE TABLE charge_queue (
 *     item_id     UUID        PRIMARY KEY,
 *     due_at      TIMESTAMPTZ NOT NULL,
 *     attempts    INTEGER     NOT NULL DEFAULT 0,
 *     enqueued_at TIMESTAMPTZ NOT NULL);
 * CREATE INDEX charge_queue_due ON charge_queue (due_at);
 * }</pre>
 *
 * <p>{@code due_at} is both the schedule and the lease: an item is claimable once it is due, and a claim moves it
 * to the end of the lease, so an item whose worker died becomes due again when the lease runs out, and a retry is
 * an item due later. Settling an item ({@link #complete}, {@link #retryAt}) joins the transaction that records its
 * outcome, so the outcome and the end of the work commit together.
 */
public final class WorkQueue {

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String table;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<Runnable> enqueuedListeners = new CopyOnWriteArrayList<>();
    private final String claimSql;

    public WorkQueue(String table, JdbcTemplate jdbc, Clock clock) {
        if (!TABLE.matcher(Objects.requireNonNull(table, "table")).matches()) {
            throw new IllegalArgumentException("not a plain lower-case table name: " + table);
        }
        this.table = table;
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimSql = """
                UPDATE %1$s SET due_at = ?, attempts = attempts + 1
                 WHERE item_id IN (SELECT item_id FROM %1$s WHERE due_at <= ? ORDER BY due_at LIMIT ?
                                   FOR UPDATE SKIP LOCKED)
                RETURNING item_id, attempts, due_at, enqueued_at""".formatted(table);
    }

    public String table() {
        return table;
    }

    /** Runs {@code listener} after the commit of every transaction that enqueued something here. */
    public void whenEnqueued(Runnable listener) {
        enqueuedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Asks for {@code itemId} to be worked on now, in the caller's transaction (it refuses to run without one): the
     * work is asked for if and only if that transaction commits. Asking again for an item still queued changes
     * nothing (and wakes the workers again).
     */
    public void enqueue(UUID itemId) {
        Objects.requireNonNull(itemId, "itemId");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("WorkQueue.enqueue must join the transaction that asks for "
                    + "the work, but none is active (propagation MANDATORY)");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO " + table + " (item_id, due_at, attempts, enqueued_at) VALUES (?, ?, 0, ?) "
                + "ON CONFLICT (item_id) DO NOTHING", itemId, now, now);
        wakeAfterCommit();
    }

    /**
     * Claims up to {@code limit} due items for {@code lease} each, oldest due first. Rows another worker is claiming
     * at this moment are skipped, and the lease keeps the claimed ones from every other worker afterwards. Joins the
     * caller's transaction if there is one, so the caller may read what it claimed in the same snapshot.
     */
    public List<WorkItem> claim(int limit, Duration lease) {
        if (limit < 1) {
            return List.of();
        }
        Instant now = clock.instant();
        return jdbc.query(claimSql, (row, i) -> new WorkItem(row.getObject("item_id", UUID.class),
                        row.getInt("attempts"), row.getTimestamp("due_at").toInstant(),
                        row.getTimestamp("enqueued_at").toInstant()),
                Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
    }

    /**
     * Claims as {@link #claim(int, Duration)}, then reads in the same transaction what the claimed items are about:
     * {@code open} answers, for the ids it is given, the subjects that still need work (e.g. the payments still
     * pending), and {@code claimed} makes of each one and its claim what a worker processes. An item whose subject
     * no longer needs work (settled by a worker whose lease had run out, or gone) leaves the queue here.
     */
    public <S, T> List<T> claim(int limit, Duration lease, Function<List<UUID>, Map<UUID, S>> open,
            BiFunction<S, WorkItem, T> claimed) {
        List<WorkItem> claims = claim(limit, lease);
        if (claims.isEmpty()) {
            return List.of();
        }
        Map<UUID, S> subjects = open.apply(claims.stream().map(WorkItem::id).toList());
        List<T> work = new ArrayList<>(claims.size());
        for (WorkItem claim : claims) {
            S subject = subjects.get(claim.id());
            if (subject == null) {
                complete(claim.id());
            } else {
                work.add(claimed.apply(subject, claim));
            }
        }
        return work;
    }

    /** The work on {@code itemId} is over; joins the caller's transaction, which records its outcome. */
    public void complete(UUID itemId) {
        jdbc.update("DELETE FROM " + table + " WHERE item_id = ?", itemId);
    }

    /** The attempt failed for a passing reason: the item is due again at {@code when}, and no longer leased. */
    public void retryAt(UUID itemId, Instant when) {
        jdbc.update("UPDATE " + table + " SET due_at = ? WHERE item_id = ?", Timestamp.from(when), itemId);
    }

    /** How many items are queued, leased or not. */
    public long size() {
        Long size = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return size == null ? 0 : size;
    }

    private void wakeAfterCommit() {
        // One wake-up per transaction, however many items it enqueued.
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WorkQueue.this);
                if (status == STATUS_COMMITTED) {
                    enqueuedListeners.forEach(Runnable::run);
                }
            }
        });
    }
}

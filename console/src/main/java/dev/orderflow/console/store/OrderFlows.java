package dev.orderflow.console.store;

import dev.orderflow.console.domain.Milestone;
import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.domain.Step;
import dev.orderflow.events.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every order the console has seen, one row each, and the messages of each. {@link #record} merges a message into
 * its order's row in one statement, so two consumers recording messages of the same order at once (they read
 * different topics) serialize on the row and neither loses the other's change.
 */
@Repository
public class OrderFlows {

    private static final String FLOW_COLUMNS = "order_id, customer_id, total_amount, currency, placed_at, step, step_at, "
            + "outcome, reason, finished_at, messages ";

    private static final RowMapper<OrderFlow> FLOW = (row, number) -> new OrderFlow(
            row.getObject("order_id", UUID.class), row.getString("customer_id"), money(row),
            instant(row, "placed_at"), Step.valueOf(row.getString("step")), instant(row, "step_at"),
            row.getString("outcome") == null ? null : Outcome.valueOf(row.getString("outcome")),
            row.getString("reason"), instant(row, "finished_at"), row.getInt("messages"));

    private static final RowMapper<Milestone> MILESTONE = (row, number) -> new Milestone(
            row.getObject("order_id", UUID.class), row.getString("message_id"), row.getString("type"),
            Step.valueOf(row.getString("step")), row.getString("service"), row.getString("topic"),
            instant(row, "at"), row.getString("detail"), null, null);

    private final JdbcClient jdbc;

    OrderFlows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the message and merges it into its order's row: customer, total and placement are filled in by the first
     * message that names them; the step follows the latest message by its time until an outcome is seen, which then
     * stands. A message id already kept changes nothing.
     *
     * @return whether the message was new
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(Milestone m) {
        return record(m, null);
    }

    /**
     * As {@link #record(Milestone)}, with the trace id the message carried (its {@code traceparent}'s): the order keeps
     * the first one it sees, as every message of an order is of one trace.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(Milestone m, String traceId) {
        return recordAll(List.of(new Seen(m, traceId))) == 1;
    }

    /**
     * Records the message when the current transaction commits, together with every other message recorded so in the
     * same transaction: one statement for a whole poll of the topics instead of one a message (what the console costs
     * PostgreSQL, beside the saga, is then a statement a poll). If that statement fails, the transaction does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAtCommit(Milestone m, String traceId) {
        if (!TransactionSynchronizationManager.hasResource(this)) {
            List<Seen> pending = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    recordAll(pending);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OrderFlows.this);
                }
            });
        }
        @SuppressWarnings("unchecked")
        List<Seen> pending = (List<Seen>) TransactionSynchronizationManager.getResource(this);
        pending.add(new Seen(m, traceId));
    }

    /**
     * Records these messages, in this order, in one statement, with the same outcome as recording them one after the
     * other: the messages are kept once each (by message id), and each order's row is merged from those of its
     * messages that were new, as {@link #record(Milestone)} merges one.
     *
     * @return how many orders' rows changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordAll(List<Seen> seen) {
        if (seen.isEmpty()) {
            return 0;
        }
        // seq is the order the messages were read in: for an order's first customer, total and trace, for which of two
        // outcomes stands (the first), and between two messages of the same time (the later read counts as later).
        // The decisive message of an order: its first outcome, if any; otherwise its latest message by time.
        return jdbc.sql("""
                        WITH batch AS (
                            SELECT DISTINCT ON (message_id) *
                            FROM unnest(?::text[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                        ?::timestamptz[], ?::varchar[], ?::varchar[], ?::numeric[], ?::varchar[],
                                        ?::varchar[], ?::varchar[])
                                 WITH ORDINALITY AS m(message_id, order_id, type, step, service, topic, at, detail,
                                                      customer_id, amount, currency, outcome, trace_id, seq)
                            ORDER BY message_id, seq),
                        added AS (
                            INSERT INTO milestone (message_id, order_id, type, step, service, topic, at, detail)
                            SELECT message_id, order_id, type, step, service, topic, at, detail FROM batch
                            ON CONFLICT (message_id) DO NOTHING
                            RETURNING message_id),
                        fresh AS (
                            SELECT batch.* FROM batch JOIN added USING (message_id)),
                        per_order AS (
                            SELECT order_id,
                                   (array_agg(customer_id ORDER BY seq) FILTER (WHERE customer_id IS NOT NULL))[1]
                                       AS customer_id,
                                   (array_agg(amount ORDER BY seq) FILTER (WHERE amount IS NOT NULL))[1] AS amount,
                                   (array_agg(currency ORDER BY seq) FILTER (WHERE currency IS NOT NULL))[1]
                                       AS currency,
                                   (array_agg(at ORDER BY seq) FILTER (WHERE step = 'PLACED'))[1] AS placed_at,
                                   (array_agg(trace_id ORDER BY seq) FILTER (WHERE trace_id IS NOT NULL))[1]
                                       AS trace_id,
                                   count(*) AS messages
                            FROM fresh GROUP BY order_id),
                        decisive AS (
                            SELECT DISTINCT ON (order_id) order_id, step, at, outcome,
                                   CASE WHEN outcome IS NULL OR detail = '' THEN NULL ELSE detail END AS reason
                            FROM fresh
                            ORDER BY order_id, outcome IS NULL, CASE WHEN outcome IS NOT NULL THEN seq END,
                                     at DESC, seq DESC)
                        INSERT INTO order_flow AS f (order_id, customer_id, total_amount, currency, placed_at, step,
                                                     step_at, outcome, reason, finished_at, messages, trace_id)
                        SELECT o.order_id, o.customer_id, o.amount, o.currency, o.placed_at, d.step, d.at, d.outcome,
                               d.reason, CASE WHEN d.outcome IS NULL THEN NULL ELSE d.at END, o.messages, o.trace_id
                        FROM per_order o JOIN decisive d USING (order_id)
                        ORDER BY o.order_id
                        ON CONFLICT (order_id) DO UPDATE SET
                            customer_id  = coalesce(f.customer_id, excluded.customer_id),
                            total_amount = coalesce(f.total_amount, excluded.total_amount),
                            currency     = coalesce(f.currency, excluded.currency),
                            placed_at    = coalesce(f.placed_at, excluded.placed_at),
                            step    = CASE WHEN f.outcome IS NULL
                                                AND (excluded.outcome IS NOT NULL OR excluded.step_at >= f.step_at)
                                           THEN excluded.step ELSE f.step END,
                            step_at = CASE WHEN f.outcome IS NULL
                                                AND (excluded.outcome IS NOT NULL OR excluded.step_at >= f.step_at)
                                           THEN excluded.step_at ELSE f.step_at END,
                            reason  = CASE WHEN f.outcome IS NULL THEN excluded.reason ELSE f.reason END,
                            outcome     = coalesce(f.outcome, excluded.outcome),
                            finished_at = coalesce(f.finished_at, excluded.finished_at),
                            messages    = f.messages + excluded.messages,
                            trace_id    = coalesce(f.trace_id, excluded.trace_id)""")
                .params(column(seen, m -> m.messageId()),
                        column(seen, m -> m.orderId().toString()),
                        column(seen, Milestone::type),
                        column(seen, m -> m.step().name()),
                        column(seen, Milestone::service),
                        column(seen, Milestone::topic),
                        column(seen, m -> m.at().toString()),
                        column(seen, Milestone::detail),
                        column(seen, Milestone::customerId),
                        column(seen, m -> m.total() == null ? null : m.total().amount().toPlainString()),
                        column(seen, m -> m.total() == null ? null : m.total().currency()),
                        column(seen, m -> m.step().outcome().map(Outcome::name).orElse(null)),
                        seen.stream().map(Seen::traceId).toArray(String[]::new))
                .update();
    }

    /** A message as seen on its topic: its milestone, and the trace id it carried (null if none). */
    public record Seen(Milestone milestone, String traceId) {

        public Seen {
            Objects.requireNonNull(milestone, "milestone");
        }
    }

    private static String[] column(List<Seen> seen, Function<Milestone, String> value) {
        return seen.stream().map(Seen::milestone).map(value).toArray(String[]::new);
    }

    public Optional<OrderFlow> find(UUID orderId) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM order_flow WHERE order_id = ?")
                .param(orderId).query(FLOW).optional();
    }

    /** The trace id the order's messages carry, if any carried one. */
    public Optional<String> traceOf(UUID orderId) {
        return jdbc.sql("SELECT trace_id FROM order_flow WHERE order_id = ? AND trace_id IS NOT NULL")
                .param(orderId).query(String.class).optional();
    }

    /** The messages of one order, in no particular order. */
    public List<Milestone> milestones(UUID orderId) {
        return jdbc.sql("""
                        SELECT message_id, order_id, type, step, service, topic, at, detail
                        FROM milestone WHERE order_id = ? ORDER BY at, message_id""")
                .param(orderId).query(MILESTONE).list();
    }

    /** Orders without an outcome, the one at its step the longest first. */
    public List<OrderFlow> inFlight(int limit) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + " FROM order_flow WHERE outcome IS NULL ORDER BY step_at, order_id LIMIT ?")
                .param(limit).query(FLOW).list();
    }

    /** Orders in flight that have not moved since {@code before}, the one waiting longest first. */
    public List<OrderFlow> stuckSince(Instant before, int limit) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + """
                        FROM order_flow WHERE outcome IS NULL AND step_at < ? ORDER BY step_at, order_id LIMIT ?""")
                .params(timestamp(before), limit).query(FLOW).list();
    }

    /** Orders with an outcome, the latest first. */
    public List<OrderFlow> finished(int limit) {
        return jdbc.sql("SELECT " + FLOW_COLUMNS + """
                        FROM order_flow WHERE outcome IS NOT NULL ORDER BY finished_at DESC, order_id LIMIT ?""")
                .param(limit).query(FLOW).list();
    }

    public long countInFlight() {
        return jdbc.sql("SELECT count(*) FROM order_flow WHERE outcome IS NULL").query(Long.class).single();
    }

    /** How many orders ended with each outcome at or after {@code since}; every outcome is present, maybe with 0. */
    public Map<Outcome, Long> outcomesSince(Instant since) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0L);
        }
        jdbc.sql("SELECT outcome, count(*) AS orders FROM order_flow WHERE outcome IS NOT NULL AND finished_at >= ? GROUP BY outcome")
                .param(timestamp(since))
                .query((ResultSet row) -> {
                    counts.put(Outcome.valueOf(row.getString("outcome")), row.getLong("orders"));
                });
        return counts;
    }

    /**
     * Forgets orders that ended before {@code before}, at most {@code limit} of them with their messages.
     *
     * @return how many orders were forgotten
     */
    @Transactional
    public int forgetFinishedBefore(Instant before, int limit) {
        List<UUID> orders = jdbc.sql("""
                        SELECT order_id FROM order_flow WHERE outcome IS NOT NULL AND finished_at < ?
                        ORDER BY finished_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(timestamp(before), limit).query(UUID.class).list();
        if (orders.isEmpty()) {
            return 0;
        }
        UUID[] ids = orders.toArray(UUID[]::new);
        jdbc.sql("DELETE FROM milestone WHERE order_id = ANY (?)").param(ids).update();
        return jdbc.sql("DELETE FROM order_flow WHERE order_id = ANY (?)").param(ids).update();
    }

    private static Money money(ResultSet row) throws SQLException {
        BigDecimal amount = row.getBigDecimal("total_amount");
        String currency = row.getString("currency");
        return amount == null || currency == null ? null : new Money(amount, currency);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

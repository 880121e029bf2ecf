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

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
        Outcome outcome = m.step().outcome().orElse(null);
        // One statement: the order's row is merged only from a milestone the CTE really inserted.
        int merged = jdbc.sql("""
                        WITH added AS (
                            INSERT INTO milestone (message_id, order_id, type, step, service, topic, at, detail)
                            VALUES (:messageId, :orderId, :type, :step, :service, :topic, :at, :detail)
                            ON CONFLICT (message_id) DO NOTHING
                            RETURNING order_id)
                        INSERT INTO order_flow AS f (order_id, customer_id, total_amount, currency, placed_at, step,
                                                     step_at, outcome, reason, finished_at, messages, trace_id)
                        SELECT order_id, CAST(:customerId AS varchar), CAST(:amount AS numeric),
                               CAST(:currency AS varchar), CAST(:placedAt AS timestamptz), :step, :at,
                               CAST(:outcome AS varchar), CAST(:reason AS varchar), CAST(:finishedAt AS timestamptz), 1,
                               CAST(:traceId AS varchar)
                        FROM added
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
                            messages    = f.messages + 1,
                            trace_id    = coalesce(f.trace_id, excluded.trace_id)""")
                .param("messageId", m.messageId())
                .param("orderId", m.orderId())
                .param("type", m.type())
                .param("service", m.service())
                .param("topic", m.topic())
                .param("detail", m.detail())
                .param("customerId", m.customerId())
                .param("amount", m.total() == null ? null : m.total().amount())
                .param("currency", m.total() == null ? null : m.total().currency())
                .param("placedAt", m.step() == Step.PLACED ? timestamp(m.at()) : null)
                .param("step", m.step().name())
                .param("at", timestamp(m.at()))
                .param("outcome", outcome == null ? null : outcome.name())
                .param("reason", outcome == null || m.detail().isEmpty() ? null : m.detail())
                .param("finishedAt", outcome == null ? null : timestamp(m.at()))
                .param("traceId", traceId)
                .update();
        return merged == 1;
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

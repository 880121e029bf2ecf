package dev.orderflow.order.saga;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code place_order_saga} table. Every read that leads to a decision locks the row, and every write checks
 * the version it read, so two deciders (a reply, a cancel, the deadline scan) can never both act on one saga.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class PlaceOrderSagaStore {

    private static final String COLUMNS = """
            order_id, customer_id, total_amount, currency, step, reason, payment_requested, refund_requested,
            started_at, deadline, ended_at, version""";

    private final JdbcClient jdbc;

    PlaceOrderSagaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PlaceOrderSaga saga) {
        jdbc.sql("INSERT INTO place_order_saga (" + COLUMNS + """
                        ) VALUES (:orderId, :customerId, :amount, :currency, :step, :reason, :paymentRequested,
                                  :refundRequested, :startedAt, :deadline, :endedAt, 0)""")
                .paramSource(parameters(saga))
                .update();
    }

    /** The saga, locked until the end of the transaction: waits while another transaction holds it. */
    Optional<PlaceOrderSaga> lock(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM place_order_saga WHERE order_id = :orderId FOR UPDATE")
                .param("orderId", orderId)
                .query((rs, row) -> read(rs))
                .optional();
    }

    /**
     * Up to {@code limit} running sagas past their deadline, locked. Rows another instance (or a reply handler)
     * holds are skipped rather than waited for, so any number of instances can scan at once.
     */
    List<PlaceOrderSaga> lockOverdue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM place_order_saga WHERE deadline < :now
                        ORDER BY deadline LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, row) -> read(rs))
                .list();
    }

    /** Running sagas started before {@code startedBefore}, the oldest first; not locked. */
    List<PlaceOrderSaga> running(Instant startedBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM place_order_saga WHERE deadline IS NOT NULL AND started_at < :startedBefore
                        ORDER BY started_at, order_id LIMIT :limit""")
                .param("startedBefore", OffsetDateTime.ofInstant(startedBefore, ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, row) -> read(rs))
                .list();
    }

    /** Stores the saga's new state over the version it was read at. */
    void update(PlaceOrderSaga saga) {
        int updated = jdbc.sql("""
                        UPDATE place_order_saga SET step = :step, reason = :reason,
                            payment_requested = :paymentRequested, refund_requested = :refundRequested,
                            deadline = :deadline, ended_at = :endedAt, version = version + 1
                        WHERE order_id = :orderId AND version = :version""")
                .paramSource(parameters(saga))
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("saga of order " + saga.orderId()
                    + " changed after version " + saga.version());
        }
    }

    private static SagaParameters parameters(PlaceOrderSaga saga) {
        return new SagaParameters(saga.orderId(), saga.customerId(), saga.total().amount(), saga.total().currency(),
                saga.step().name(), saga.reason() == null ? null : saga.reason().name(), saga.paymentRequested(),
                saga.refundRequested(), utc(saga.startedAt()), utc(saga.deadline()), utc(saga.endedAt()),
                saga.version());
    }

    /** Named parameters of the statements above (JdbcClient reads record components by name). */
    private record SagaParameters(UUID orderId, String customerId, BigDecimal amount, String currency,
                                  String step, String reason, boolean paymentRequested, boolean refundRequested,
                                  OffsetDateTime startedAt, OffsetDateTime deadline, OffsetDateTime endedAt,
                                  long version) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PlaceOrderSaga read(ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new PlaceOrderSaga(
                rs.getObject("order_id", UUID.class),
                rs.getString("customer_id"),
                new Money(rs.getBigDecimal("total_amount"), rs.getString("currency")),
                SagaStep.valueOf(rs.getString("step")),
                reason == null ? null : RejectionReason.valueOf(reason),
                rs.getBoolean("payment_requested"),
                rs.getBoolean("refund_requested"),
                instant(rs, "started_at"),
                instant(rs, "deadline"),
                instant(rs, "ended_at"),
                rs.getLong("version"));
    }
}

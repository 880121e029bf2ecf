package dev.orderflow.payment.store;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.domain.PaymentHistory;
import dev.orderflow.payment.domain.PaymentStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.orderflow.payment.store.Columns.instant;
import static dev.orderflow.payment.store.Columns.timestamp;

/**
 * The payments, one per order. A payment read {@code forUpdate} is locked until the transaction ends; every change is
 * made to a payment read that way and written back with {@link #update}, so no two transactions ever change one
 * payment from the same state (the {@code version} column counts the changes).
 */
@Repository
public class Payments implements PaymentHistory {

    private static final String COLUMNS = """
            id, order_id, customer_id, amount, currency, status, reason, detail, charge_id, refund_id, created_at,
            updated_at, reconciled_at, close_reason, close_requested_at, command_id, command_traceparent,
            screening_model, screening_score, screening_threshold, screening_mode""";

    private static final RowMapper<Payment> PAYMENT = (row, number) -> Payment.restore(
            row.getObject("id", UUID.class), row.getObject("order_id", UUID.class), row.getString("customer_id"),
            new Money(row.getBigDecimal("amount"), row.getString("currency")),
            PaymentStatus.valueOf(row.getString("status")),
            row.getString("reason") == null ? null : DeclineReason.valueOf(row.getString("reason")),
            row.getString("detail"), row.getString("charge_id"), row.getString("refund_id"),
            instant(row, "created_at"), instant(row, "updated_at"), instant(row, "reconciled_at"),
            row.getString("close_reason"), instant(row, "close_requested_at"), row.getString("command_id"),
            row.getString("command_traceparent"), screening(row));

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payment> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = ?").param(id).query(PAYMENT).optional();
    }

    /** The payment, locked until the transaction ends (its settlement must not race a refund or another worker). */
    public Optional<Payment> findByIdForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = ? FOR UPDATE").param(id).query(PAYMENT)
                .optional();
    }

    public Optional<Payment> findByOrderId(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = ?").param(orderId).query(PAYMENT)
                .optional();
    }

    /** The order's payment, locked until the transaction ends (a refund must not race another refund). */
    public Optional<Payment> findByOrderIdForUpdate(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = ? FOR UPDATE").param(orderId)
                .query(PAYMENT).optional();
    }

    /** The pending ones among these payments. */
    public List<Payment> findPending(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : jdbc.sql("SELECT " + COLUMNS
                        + " FROM payments WHERE id IN (:ids) AND status = 'PENDING'")
                .param("ids", ids).query(PAYMENT).list();
    }

    /** The order's payments (one at most, by the unique order id), as a list for the API. */
    public List<Payment> findAllByOrderIdOrderByCreatedAt(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = ? ORDER BY created_at")
                .param(orderId).query(PAYMENT).list();
    }

    /** Payments declined between the two instants and not yet checked against the gateway, oldest decline first. */
    public List<UUID> findToReconcile(Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT id FROM payments
                         WHERE status = 'DECLINED' AND reconciled_at IS NULL AND updated_at >= ? AND updated_at < ?
                         ORDER BY updated_at LIMIT ?""")
                .params(timestamp(from), timestamp(to), limit).query(UUID.class).list();
    }

    public long countPending() {
        return jdbc.sql("SELECT count(*) FROM payments WHERE status = 'PENDING'").query(Long.class).single();
    }

    @Override
    public long paymentsSince(String customerId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE customer_id = ? AND created_at >= ?")
                .params(customerId, timestamp(since)).query(Long.class).single();
    }

    /** Stores a new payment; an order that has one already fails the unique order id. */
    public void insert(Payment payment) {
        Screening screening = payment.screening();
        jdbc.sql("INSERT INTO payments (" + COLUMNS + ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, 0)")
                .params(payment.id(), payment.orderId(), payment.customerId(), payment.amount().amount(),
                        payment.amount().currency(), payment.status().name(), name(payment.reason()),
                        payment.detail(), payment.chargeId(), payment.refundId(), timestamp(payment.createdAt()),
                        timestamp(payment.updatedAt()), timestamp(payment.reconciledAt()), payment.closeReason(),
                        timestamp(payment.closeRequestedAt()), payment.commandId(), payment.commandTraceparent(),
                        screening == null ? null : screening.model(), screening == null ? null : screening.score(),
                        screening == null ? null : screening.threshold(), screening == null ? null : screening.mode().name())
                .update();
    }

    /** Writes back what changed of a payment read {@code forUpdate} in this transaction. */
    public void update(Payment payment) {
        int updated = jdbc.sql("""
                        UPDATE payments SET status = ?, reason = ?, detail = ?, charge_id = ?, refund_id = ?,
                               updated_at = ?, reconciled_at = ?, close_reason = ?, close_requested_at = ?,
                               version = version + 1
                         WHERE id = ?""")
                .params(payment.status().name(), name(payment.reason()), payment.detail(), payment.chargeId(),
                        payment.refundId(), timestamp(payment.updatedAt()), timestamp(payment.reconciledAt()),
                        payment.closeReason(), timestamp(payment.closeRequestedAt()), payment.id())
                .update();
        Columns.requireOne(updated, "payment", payment.id());
    }

    private static Screening screening(ResultSet row) throws SQLException {
        String model = row.getString("screening_model");
        return model == null ? null : new Screening(model, row.getDouble("screening_score"),
                row.getDouble("screening_threshold"), Screening.Mode.valueOf(row.getString("screening_mode")));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}

package dev.orderflow.notification.store;

import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.NotificationStatus;
import dev.orderflow.notification.domain.Template;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All notifications ever decided, as SQL through {@code JdbcClient}. The insert keeps one per order and template; a
 * change is made to a notification read {@link #findByIdForUpdate} and written back with {@link #update} in the same
 * transaction, so two dispatchers never record attempts of one notification over each other.
 */
@Repository
public class Notifications {

    private static final String COLUMNS = """
            id, order_id, customer_id, channel, template, recipient, body, status, attempts, last_error,
            provider_message_id, source_message_id, trace_context, created_at, sent_at""";

    private static final RowMapper<Notification> NOTIFICATION = (row, number) -> Notification.restore(
            row.getObject("id", UUID.class), row.getObject("order_id", UUID.class), row.getString("customer_id"),
            Channel.valueOf(row.getString("channel")), Template.valueOf(row.getString("template")),
            row.getString("recipient"), row.getString("body"), NotificationStatus.valueOf(row.getString("status")),
            row.getInt("attempts"), row.getString("last_error"), row.getString("provider_message_id"),
            row.getString("source_message_id"), row.getString("trace_context"), instant(row, "created_at"),
            instant(row, "sent_at"));

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the notification unless one with the same order and template exists. Relies on the unique
     * constraint, so it holds even for two consumers racing on the same order; nothing fails, nothing is added.
     *
     * @return whether it was added
     */
    public boolean addIfAbsent(Notification n) {
        return jdbc.sql("""
                        INSERT INTO notification (id, order_id, customer_id, channel, template, recipient, body, status,
                                                  attempts, source_message_id, trace_context, created_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, 0)
                        ON CONFLICT (order_id, template) DO NOTHING""")
                .params(n.getId(), n.getOrderId(), n.getCustomerId(), n.getChannel().name(), n.getTemplate().name(),
                        n.getRecipient(), n.getBody(), n.getSourceMessageId(), n.getTraceContext(),
                        timestamp(n.getCreatedAt()))
                .update() == 1;
    }

    public Optional<Notification> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = ?").param(id).query(NOTIFICATION)
                .optional();
    }

    /** The notification, locked until the transaction ends: its attempt is recorded by one dispatcher at a time. */
    public Optional<Notification> findByIdForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = ? FOR UPDATE").param(id)
                .query(NOTIFICATION).optional();
    }

    /** The pending ones among these notifications. */
    public List<Notification> findPending(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : jdbc.sql("SELECT " + COLUMNS
                        + " FROM notification WHERE id IN (:ids) AND status = 'PENDING'")
                .param("ids", ids).query(NOTIFICATION).list();
    }

    /** Writes back the outcome of attempts on a notification read {@link #findByIdForUpdate} in this transaction. */
    public void update(Notification n) {
        int updated = jdbc.sql("""
                        UPDATE notification SET status = ?, attempts = ?, last_error = ?, provider_message_id = ?,
                               sent_at = ?, version = version + 1
                         WHERE id = ?""")
                .params(n.getStatus().name(), n.getAttempts(), n.getLastError(), n.getProviderMessageId(),
                        timestamp(n.getSentAt()), n.getId())
                .update();
        if (updated != 1) {
            throw new EmptyResultDataAccessException("no notification " + n.getId() + " to update", 1);
        }
    }

    public long countPending() {
        return jdbc.sql("SELECT count(*) FROM notification WHERE status = 'PENDING'").query(Long.class).single();
    }

    public List<Notification> findByCustomerIdOrderByCreatedAtAscIdAsc(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE customer_id = ? ORDER BY created_at, id")
                .param(customerId).query(NOTIFICATION).list();
    }

    public List<Notification> findByOrderIdOrderByCreatedAtAscIdAsc(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE order_id = ? ORDER BY created_at, id")
                .param(orderId).query(NOTIFICATION).list();
    }

    public List<Notification> findByCustomerIdAndOrderIdOrderByCreatedAtAscIdAsc(String customerId, UUID orderId) {
        return jdbc.sql("""
                        SELECT %s FROM notification WHERE customer_id = ? AND order_id = ?
                         ORDER BY created_at, id""".formatted(COLUMNS))
                .params(customerId, orderId).query(NOTIFICATION).list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

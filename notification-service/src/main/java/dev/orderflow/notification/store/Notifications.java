package dev.orderflow.notification.store;

import dev.orderflow.notification.domain.Notification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** All notifications ever decided, with the PostgreSQL-specific insert that keeps one per order and template. */
public interface Notifications extends JpaRepository<Notification, UUID> {

    /**
     * Stores the notification unless one with the same order and template exists. Relies on the unique
     * constraint, so it holds even for two consumers racing on the same order; nothing fails, nothing is added.
     *
     * @return whether it was added
     */
    default boolean addIfAbsent(Notification n) {
        return insertIfAbsent(n.getId(), n.getOrderId(), n.getCustomerId(), n.getChannel().name(),
                n.getTemplate().name(), n.getRecipient(), n.getBody(), n.getSourceMessageId(),
                n.getCreatedAt()) == 1;
    }

    @Modifying(flushAutomatically = true)
    @Query(nativeQuery = true, value = """
            INSERT INTO notification (id, order_id, customer_id, channel, template, recipient, body, status,
                                      attempts, source_message_id, created_at, version)
            VALUES (:id, :orderId, :customerId, :channel, :template, :recipient, :body, 'PENDING',
                    0, :sourceMessageId, :createdAt, 0)
            ON CONFLICT (order_id, template) DO NOTHING
            """)
    int insertIfAbsent(@Param("id") UUID id, @Param("orderId") UUID orderId, @Param("customerId") String customerId,
                       @Param("channel") String channel, @Param("template") String template,
                       @Param("recipient") String recipient, @Param("body") String body,
                       @Param("sourceMessageId") String sourceMessageId, @Param("createdAt") Instant createdAt);

    @Query("SELECT count(n) FROM Notification n WHERE n.status = dev.orderflow.notification.domain.NotificationStatus.PENDING")
    long countPending();

    List<Notification> findByCustomerIdOrderByCreatedAtAscIdAsc(String customerId);

    List<Notification> findByOrderIdOrderByCreatedAtAscIdAsc(UUID orderId);

    List<Notification> findByCustomerIdAndOrderIdOrderByCreatedAtAscIdAsc(String customerId, UUID orderId);
}

package dev.orderflow.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one customer about one order, from the moment it is decided until the provider has it.
 *
 * <p>The id doubles as the provider's idempotency key, so a delivery repeated after a timeout or a crash
 * reaches the customer once. A notification is unique per (order, template): a replayed event cannot add one.
 */
@Entity
@Table(name = "notification")
public class Notification {

    private static final int MAX_ERROR_LENGTH = 500;

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private UUID orderId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Template template;

    @Column(nullable = false, updatable = false)
    private String recipient;

    @Column(nullable = false, updatable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "provider_message_id")
    private String providerMessageId;

    /** The id of the message that caused this notification, to trace it back. */
    @Column(name = "source_message_id", nullable = false, updatable = false)
    private String sourceMessageId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Version
    private long version;

    protected Notification() {
        // for JPA
    }

    private Notification(CustomerNotice notice, String sourceMessageId, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = notice.orderId();
        this.customerId = notice.customerId();
        this.channel = notice.channel();
        this.template = notice.template();
        this.recipient = notice.recipient();
        this.body = notice.body();
        this.status = NotificationStatus.PENDING;
        this.attempts = 0;
        this.sourceMessageId = Objects.requireNonNull(sourceMessageId, "sourceMessageId");
        this.createdAt = now;
    }

    /** A new notification, due for delivery at once. */
    public static Notification pending(CustomerNotice notice, String sourceMessageId, Instant now) {
        return new Notification(notice, sourceMessageId, now);
    }

    /** The provider accepted the message. Recording it twice (a late duplicate attempt) changes nothing. */
    public void sent(String providerMessageId, Instant at) {
        if (status == NotificationStatus.SENT) {
            return;
        }
        this.status = NotificationStatus.SENT;
        this.attempts++;
        this.providerMessageId = providerMessageId;
        this.sentAt = at;
        this.lastError = null;
    }

    /** The attempt failed for a passing reason: stays PENDING, to be tried again. */
    public void failedAttempt(String error) {
        if (status != NotificationStatus.PENDING) {
            return;
        }
        this.attempts++;
        this.lastError = truncate(error);
    }

    /** The provider refused this message for good. */
    public void refused(String error) {
        if (status != NotificationStatus.PENDING) {
            return;
        }
        this.status = NotificationStatus.FAILED;
        this.attempts++;
        this.lastError = truncate(error);
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    public UUID getId() {
        return id;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public String getCustomerId() {
        return customerId;
    }

    public Channel getChannel() {
        return channel;
    }

    public Template getTemplate() {
        return template;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getBody() {
        return body;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    /** Delivery attempts whose outcome was recorded (an attempt cut short by a crash is not counted). */
    public int getAttempts() {
        return attempts;
    }

    public String getLastError() {
        return lastError;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public String getSourceMessageId() {
        return sourceMessageId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}

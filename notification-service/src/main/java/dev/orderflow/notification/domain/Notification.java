package dev.orderflow.notification.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one customer about one order, from the moment it is decided until the provider has it.
 *
 * <p>The id doubles as the provider's idempotency key, so a delivery repeated after a timeout or a crash
 * reaches the customer once. A notification is unique per (order, template): a replayed event cannot add one.
 */
public class Notification {

    private static final int MAX_ERROR_LENGTH = 500;

    private UUID id;
    private UUID orderId;
    private String customerId;
    private Channel channel;
    private Template template;
    private String recipient;
    private String body;
    private NotificationStatus status;
    private int attempts;
    private String lastError;
    private String providerMessageId;
    /** The id of the message that caused this notification, to trace it back. */
    private String sourceMessageId;
    private String traceContext;
    private Instant createdAt;
    private Instant sentAt;

    private Notification() {
    }

    private Notification(CustomerNotice notice, String sourceMessageId, String traceContext, Instant now) {
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
        this.traceContext = traceContext;
        this.createdAt = now;
    }

    /**
     * A notification as it was stored, for the store to hand out; every change goes back through the store's
     * {@code update}.
     */
    public static Notification restore(UUID id, UUID orderId, String customerId, Channel channel, Template template,
            String recipient, String body, NotificationStatus status, int attempts, String lastError,
            String providerMessageId, String sourceMessageId, String traceContext, Instant createdAt, Instant sentAt) {
        Notification notification = new Notification();
        notification.id = Objects.requireNonNull(id, "id");
        notification.orderId = orderId;
        notification.customerId = customerId;
        notification.channel = channel;
        notification.template = template;
        notification.recipient = recipient;
        notification.body = body;
        notification.status = Objects.requireNonNull(status, "status");
        notification.attempts = attempts;
        notification.lastError = lastError;
        notification.providerMessageId = providerMessageId;
        notification.sourceMessageId = sourceMessageId;
        notification.traceContext = traceContext;
        notification.createdAt = createdAt;
        notification.sentAt = sentAt;
        return notification;
    }

    /** A new notification, due for delivery at once. */
    public static Notification pending(CustomerNotice notice, String sourceMessageId, Instant now) {
        return pending(notice, sourceMessageId, null, now);
    }

    /**
     * A new notification, due for delivery at once, whose delivery continues the trace {@code traceContext} (a W3C
     * {@code traceparent}: the span that handled the event asking for it; null for none).
     */
    public static Notification pending(CustomerNotice notice, String sourceMessageId, String traceContext,
            Instant now) {
        return new Notification(notice, sourceMessageId, traceContext, now);
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

    /** The trace its delivery continues (a W3C {@code traceparent}), or null. */
    public String getTraceContext() {
        return traceContext;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}

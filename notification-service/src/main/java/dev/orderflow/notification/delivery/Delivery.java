package dev.orderflow.notification.delivery;

import dev.orderflow.messaging.work.WorkItem;
import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.Template;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery attempt of a claimed notification, detached from the database so that no transaction is open
 * while the message travels. {@code leaseUntil} is when other dispatchers may take the notification again;
 * {@code traceContext} the trace the delivery continues (a W3C {@code traceparent}, or null).
 */
public record Delivery(UUID notificationId, Channel channel, String recipient, Template template, String body,
                       int attempt, Instant leaseUntil, UUID orderId, String traceContext) {

    static Delivery of(Notification claimed, WorkItem claim) {
        return new Delivery(claimed.getId(), claimed.getChannel(), claimed.getRecipient(), claimed.getTemplate(),
                claimed.getBody(), claim.attempt(), claim.leaseUntil(), claimed.getOrderId(),
                claimed.getTraceContext());
    }
}

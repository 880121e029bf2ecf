package dev.orderflow.notification.web;

import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.NotificationStatus;
import dev.orderflow.notification.domain.Template;

import java.time.Instant;
import java.util.UUID;

/** A notification as the API shows it; the body and delivery internals stay inside. */
public record NotificationView(UUID id, UUID orderId, String customerId, Channel channel, Template template,
                               NotificationStatus status, Instant sentAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.getId(), notification.getOrderId(), notification.getCustomerId(),
                notification.getChannel(), notification.getTemplate(), notification.getStatus(),
                notification.getSentAt());
    }
}

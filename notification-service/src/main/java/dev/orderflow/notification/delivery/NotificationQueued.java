package dev.orderflow.notification.delivery;

import java.util.UUID;

/** A new PENDING notification was stored; published inside the storing transaction, acted on after its commit. */
public record NotificationQueued(UUID notificationId) {
}

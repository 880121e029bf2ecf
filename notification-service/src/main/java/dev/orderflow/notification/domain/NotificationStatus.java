package dev.orderflow.notification.domain;

/** Where a notification stands: waiting for (another) delivery attempt, delivered, or refused for good. */
public enum NotificationStatus {
    PENDING,
    SENT,
    /** The provider refused the message itself (not a passing outage): retrying cannot help. */
    FAILED
}

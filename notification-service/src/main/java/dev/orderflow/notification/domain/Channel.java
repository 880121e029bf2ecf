package dev.orderflow.notification.domain;

/** How a notification reaches the customer; the provider's channel names. */
public enum Channel {
    EMAIL,
    SMS
}

package dev.orderflow.notification.domain;

/** The kinds of message a customer receives: one per terminal order status. */
public enum Template {
    ORDER_CONFIRMED,
    ORDER_REJECTED,
    ORDER_CANCELLED
}

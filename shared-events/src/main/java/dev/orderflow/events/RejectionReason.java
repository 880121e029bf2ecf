package dev.orderflow.events;

/** Why an order ended REJECTED or CANCELLED (the order's {@code failureReason}). */
public enum RejectionReason {
    OUT_OF_STOCK,
    INSUFFICIENT_CREDIT,
    PAYMENT_DECLINED,
    PAYMENT_UNAVAILABLE,
    FRAUD_SUSPECTED,
    TIMED_OUT,
    CUSTOMER_CANCELLED
}

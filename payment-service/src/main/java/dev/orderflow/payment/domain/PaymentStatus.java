package dev.orderflow.payment.domain;

/** Where a payment stands: {@code AUTHORIZED} may become {@code REFUNDED}; {@code DECLINED} is final. */
public enum PaymentStatus { AUTHORIZED, DECLINED, REFUNDED }

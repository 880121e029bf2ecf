package dev.orderflow.payment.domain;

/**
 * Where a payment stands. {@code PENDING}: its amount is held on the account and the gateway has yet to charge it;
 * it becomes {@code AUTHORIZED} (charged), {@code DECLINED}, or {@code REFUNDED} (charged after its order was closed,
 * and paid back). {@code AUTHORIZED} may become {@code REFUNDED}; {@code DECLINED} and {@code REFUNDED} are final.
 */
public enum PaymentStatus { PENDING, AUTHORIZED, DECLINED, REFUNDED }

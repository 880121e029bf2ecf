package dev.orderflow.events.payment;

import dev.orderflow.events.Money;

import java.util.Objects;
import java.util.UUID;

/** The customer was charged the amount for the order. */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount) implements PaymentEvent {

    public static final String TYPE = "dev.orderflow.payment.PaymentAuthorized.v1";

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
    }
}

package dev.orderflow.events.payment;

import dev.orderflow.events.Money;

import java.util.Objects;
import java.util.UUID;

/** The authorized amount of the order went back to the customer. */
public record PaymentRefunded(UUID orderId, UUID paymentId, Money amount) implements PaymentEvent {

    public static final String TYPE = "dev.orderflow.payment.PaymentRefunded.v1";

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
    }
}

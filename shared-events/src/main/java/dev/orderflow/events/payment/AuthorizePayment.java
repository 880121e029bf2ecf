package dev.orderflow.events.payment;

import dev.orderflow.events.Money;

import java.util.Objects;
import java.util.UUID;

/** Charge the customer for the order: credit check, fraud screening, then the payment gateway. */
public record AuthorizePayment(UUID orderId, String customerId, Money amount) implements PaymentCommand {

    public static final String TYPE = "dev.orderflow.payment.AuthorizePayment.v1";

    public AuthorizePayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}

package dev.orderflow.events.payment;

import dev.orderflow.events.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * The customer was charged the amount for the order.
 *
 * @param screening how screening judged the payment; null if it was not screened (a payment decided before screening
 *                  was installed)
 */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, Screening screening)
        implements PaymentEvent {

    public static final String TYPE = "dev.orderflow.payment.PaymentAuthorized.v1";

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
    }

    /** An authorization without a screening, as one written before screening was reported. */
    public PaymentAuthorized(UUID orderId, UUID paymentId, Money amount) {
        this(orderId, paymentId, amount, null);
    }
}

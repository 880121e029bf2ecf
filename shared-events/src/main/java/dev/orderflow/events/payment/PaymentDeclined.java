package dev.orderflow.events.payment;

import java.util.Objects;
import java.util.UUID;

/** Nothing was charged, for a reason; detail is a human-readable explanation, possibly empty. */
public record PaymentDeclined(UUID orderId, DeclineReason reason, String detail) implements PaymentEvent {

    public static final String TYPE = "dev.orderflow.payment.PaymentDeclined.v1";

    public PaymentDeclined {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}

package dev.orderflow.events.payment;

import java.util.Objects;
import java.util.UUID;

/**
 * Nothing was charged, for a reason; detail is a human-readable explanation, possibly empty.
 *
 * @param screening how screening judged the payment; null if it was never screened (no account, the order closed
 *                  before, or decided before screening was installed)
 */
public record PaymentDeclined(UUID orderId, DeclineReason reason, String detail, Screening screening)
        implements PaymentEvent {

    public static final String TYPE = "dev.orderflow.payment.PaymentDeclined.v1";

    public PaymentDeclined {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** A decline without a screening, as one never screened. */
    public PaymentDeclined(UUID orderId, DeclineReason reason, String detail) {
        this(orderId, reason, detail, null);
    }
}

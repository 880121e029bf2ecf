package dev.orderflow.events.payment;

import dev.orderflow.events.RejectionReason;

/** Why a payment was not authorized. */
public enum DeclineReason {
    INSUFFICIENT_CREDIT(RejectionReason.INSUFFICIENT_CREDIT),
    PAYMENT_DECLINED(RejectionReason.PAYMENT_DECLINED),
    PAYMENT_UNAVAILABLE(RejectionReason.PAYMENT_UNAVAILABLE),
    FRAUD_SUSPECTED(RejectionReason.FRAUD_SUSPECTED),
    /** The screening model scored the payment at or above its threshold: suspected as fraud, by the model. */
    ANOMALY_SUSPECTED(RejectionReason.FRAUD_SUSPECTED),
    /** The order was refunded (closed) before its authorization was processed. */
    ORDER_CLOSED(RejectionReason.TIMED_OUT);

    private final RejectionReason orderReason;

    DeclineReason(RejectionReason orderReason) {
        this.orderReason = orderReason;
    }

    /** The reason the order is rejected with when its payment is declined for this reason. */
    public RejectionReason orderReason() {
        return orderReason;
    }
}

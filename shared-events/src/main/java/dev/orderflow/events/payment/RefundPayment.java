package dev.orderflow.events.payment;

import dev.orderflow.events.RejectionReason;

import java.util.Objects;
import java.util.UUID;

/**
 * Compensation: refund whatever was authorized for the order. Refunding an order that was never charged is a
 * no-op that also closes it, so a payment can never be taken for it afterwards.
 */
public record RefundPayment(UUID orderId, RejectionReason reason) implements PaymentCommand {

    public static final String TYPE = "dev.orderflow.payment.RefundPayment.v1";

    public RefundPayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }
}

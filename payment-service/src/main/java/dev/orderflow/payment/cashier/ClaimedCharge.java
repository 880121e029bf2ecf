package dev.orderflow.payment.cashier;

import dev.orderflow.events.Money;
import dev.orderflow.messaging.work.WorkItem;
import dev.orderflow.payment.domain.Payment;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending payment as a charge worker claimed it: what to charge, and what was known of it at the claim.
 *
 * @param closeRequested its order was already closed: nothing is to be charged
 * @param chargeId       a charge made after the order was closed, still to be refunded; null if none is known
 * @param leaseUntil     when other workers may take it over
 * @param attempt        how many times it was claimed, this time included
 * @param commandTraceparent the trace context the {@code AuthorizePayment} command was handled in: the charge's
 *                       work, its gateway calls and its reply continue it
 */
public record ClaimedCharge(UUID paymentId, UUID orderId, String customerId, Money amount, boolean closeRequested,
                            String chargeId, Instant createdAt, Instant leaseUntil, int attempt,
                            String commandTraceparent) {

    static ClaimedCharge of(Payment payment, WorkItem claim) {
        return new ClaimedCharge(payment.id(), payment.orderId(), payment.customerId(), payment.amount(),
                payment.isCloseRequested(), payment.chargeId(), payment.createdAt(), claim.leaseUntil(),
                claim.attempt(), payment.commandTraceparent());
    }
}

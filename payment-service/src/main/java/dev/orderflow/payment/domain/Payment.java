package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.Screening;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one payment of an order: what was asked, and what came of it. A payment that passed the credit check and the
 * fraud screen is {@code PENDING} (its amount held on the account) until the gateway has answered; one that did not
 * is declined at once. See {@link PaymentStatus} for the way from there.
 */
public class Payment {

    private static final int MAX_DETAIL = 500;

    private UUID id;
    private UUID orderId;
    private String customerId;
    private BigDecimal amount;
    private String currency;
    private PaymentStatus status;
    private DeclineReason reason;
    private String detail;
    private String chargeId;
    private String refundId;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant reconciledAt;
    private String closeReason;
    private Instant closeRequestedAt;
    private String commandId;
    private String commandTraceparent;
    private Screening screening;

    private Payment() {
    }

    private Payment(UUID orderId, String customerId, Money amount, PaymentStatus status, DeclineReason reason,
            String detail, String chargeId, Screening screening, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = amount.amount();
        this.currency = amount.currency();
        this.status = status;
        this.reason = reason;
        this.detail = shortened(detail);
        this.chargeId = chargeId;
        this.screening = screening;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Credit and fraud checks passed and the amount is held: the gateway is yet to charge it.
     *
     * @param commandId          the message id of the command that asked, the cause of the reply to come
     * @param commandTraceparent the trace context that command was handled in (its consumer span when a tracer runs,
     *                           else its own), continued by the charge and the reply; may be null
     * @param screening          how screening judged it, which its reply reports; null if it was not screened
     */
    public static Payment pending(UUID orderId, String customerId, Money amount, String commandId,
            String commandTraceparent, Screening screening, Instant now) {
        Payment payment = new Payment(orderId, customerId, amount, PaymentStatus.PENDING, null, "", null, screening,
                now);
        payment.commandId = commandId;
        payment.commandTraceparent = commandTraceparent;
        return payment;
    }

    /** Nothing was taken, for this reason; {@code screening} as for {@link #pending}. */
    public static Payment declined(UUID orderId, String customerId, Money amount, DeclineReason reason, String detail,
            Screening screening, Instant now) {
        return new Payment(orderId, customerId, amount, PaymentStatus.DECLINED, Objects.requireNonNull(reason, "reason"),
                detail, null, screening, now);
    }

    /**
     * A payment as it was stored, for the store to hand out; it decides nothing by itself. Every change of a stored
     * payment goes back through the store's {@code update}.
     */
    public static Payment restore(UUID id, UUID orderId, String customerId, Money amount, PaymentStatus status,
            DeclineReason reason, String detail, String chargeId, String refundId, Instant createdAt,
            Instant updatedAt, Instant reconciledAt, String closeReason, Instant closeRequestedAt, String commandId,
            String commandTraceparent, Screening screening) {
        Payment payment = new Payment();
        payment.id = Objects.requireNonNull(id, "id");
        payment.orderId = Objects.requireNonNull(orderId, "orderId");
        payment.customerId = Objects.requireNonNull(customerId, "customerId");
        payment.amount = amount.amount();
        payment.currency = amount.currency();
        payment.status = Objects.requireNonNull(status, "status");
        payment.reason = reason;
        payment.detail = detail;
        payment.chargeId = chargeId;
        payment.refundId = refundId;
        payment.createdAt = createdAt;
        payment.updatedAt = updatedAt;
        payment.reconciledAt = reconciledAt;
        payment.closeReason = closeReason;
        payment.closeRequestedAt = closeRequestedAt;
        payment.commandId = commandId;
        payment.commandTraceparent = commandTraceparent;
        payment.screening = screening;
        return payment;
    }

    /**
     * The order was closed (its saga gave up) while the gateway was still to charge: whatever it charges is refunded
     * and the order gets nothing. Asking again changes nothing.
     *
     * @return whether this call closed it
     */
    public boolean requestClose(String why, Instant now) {
        requireStatus(PaymentStatus.PENDING, "closed");
        if (closeRequestedAt != null) {
            return false;
        }
        this.closeReason = Objects.requireNonNull(why, "why");
        this.closeRequestedAt = now;
        this.updatedAt = now;
        return true;
    }

    /** The gateway charged the pending payment, whose order is still open. */
    public PaymentAuthorized authorized(String chargeId, Instant now) {
        requireStatus(PaymentStatus.PENDING, "authorized");
        if (isCloseRequested()) {
            throw new IllegalStateException("payment " + id + " belongs to a closed order; its charge is refunded");
        }
        this.status = PaymentStatus.AUTHORIZED;
        this.chargeId = Objects.requireNonNull(chargeId, "chargeId");
        settled(now);
        return new PaymentAuthorized(orderId, id, amount(), screening);
    }

    /** Nothing was charged for the pending payment, for this reason. */
    public PaymentDeclined declined(DeclineReason why, String detail, Instant now) {
        requireStatus(PaymentStatus.PENDING, "declined");
        this.status = PaymentStatus.DECLINED;
        this.reason = Objects.requireNonNull(why, "why");
        this.detail = shortened(detail);
        settled(now);
        return new PaymentDeclined(orderId, reason, this.detail, screening);
    }

    /** The gateway charged a payment whose order was closed meanwhile: noted, so the charge is refunded. */
    public void chargedAfterClose(String chargeId, Instant now) {
        requireStatus(PaymentStatus.PENDING, "charged after its close");
        if (!isCloseRequested()) {
            throw new IllegalStateException("payment " + id + " is not closed; its charge authorizes it");
        }
        this.chargeId = Objects.requireNonNull(chargeId, "chargeId");
        this.updatedAt = now;
    }

    /**
     * The charge went back to the customer: an authorized payment's, or one the gateway made after the order was
     * closed.
     */
    public PaymentRefunded refunded(String refundId, Instant now) {
        boolean chargedAfterClose = status == PaymentStatus.PENDING && chargeId != null;
        if (status != PaymentStatus.AUTHORIZED && !chargedAfterClose) {
            throw new IllegalStateException("payment " + id + " is " + status + " without a charge; only a charge is"
                    + " refunded");
        }
        this.status = PaymentStatus.REFUNDED;
        this.refundId = Objects.requireNonNull(refundId, "refundId");
        settled(now);
        return new PaymentRefunded(orderId, id, amount());
    }

    /**
     * Notes that the gateway was checked for a charge of this declined payment's order. The gateway may hold one: it
     * may have finished a charge after we stopped waiting, or a charge may have gone through before a failed commit
     * whose redelivery was then declined.
     */
    public void reconciled(Instant now) {
        if (status != PaymentStatus.DECLINED) {
            throw new IllegalStateException("payment " + id + " is " + status + "; only a declined one is reconciled");
        }
        this.reconciledAt = now;
        this.updatedAt = now;
    }

    /**
     * The answer to an authorization request for this payment's order, the same every time it is asked: what was
     * decided the first time, or nothing yet while the gateway has not answered (the answer is sent once it has). A
     * refunded payment closed its order, so it no longer authorizes anything.
     */
    public Optional<PaymentEvent> outcome() {
        return switch (status) {
            case PENDING -> Optional.empty();
            case AUTHORIZED -> Optional.of(new PaymentAuthorized(orderId, id, amount(), screening));
            case DECLINED -> Optional.of(new PaymentDeclined(orderId, reason, detail, screening));
            case REFUNDED -> Optional.of(new PaymentDeclined(orderId, DeclineReason.ORDER_CLOSED,
                    "the payment of this order was refunded"));
        };
    }

    private void settled(Instant now) {
        this.updatedAt = now;
    }

    private void requireStatus(PaymentStatus expected, String what) {
        if (status != expected) {
            throw new IllegalStateException("payment " + id + " is " + status + "; only a " + expected + " one is "
                    + what);
        }
    }

    private static String shortened(String detail) {
        return detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    }

    /** How screening judged the payment; null if it was not screened. */
    public Screening screening() {
        return screening;
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Money amount() {
        return new Money(amount, currency);
    }

    public PaymentStatus status() {
        return status;
    }

    /** Why it was declined; null unless {@link PaymentStatus#DECLINED}. */
    public DeclineReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** The gateway's charge; null for a declined payment and one still waiting for the gateway. */
    public String chargeId() {
        return chargeId;
    }

    /** Whether the order was closed while this payment was pending: nothing may be kept of it. */
    public boolean isCloseRequested() {
        return closeRequestedAt != null;
    }

    /** The saga's reason for closing the order while the payment was pending; null if it was not closed. */
    public String closeReason() {
        return closeReason;
    }

    public String commandId() {
        return commandId;
    }

    public String commandTraceparent() {
        return commandTraceparent;
    }

    /** The gateway's refund; null unless {@link PaymentStatus#REFUNDED}. */
    public String refundId() {
        return refundId;
    }

    /** When a declined payment was checked against the gateway; null before. */
    public Instant reconciledAt() {
        return reconciledAt;
    }

    /** When the order was closed while this payment was pending; null if it was not. */
    public Instant closeRequestedAt() {
        return closeRequestedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

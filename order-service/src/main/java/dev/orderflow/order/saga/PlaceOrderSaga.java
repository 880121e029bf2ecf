package dev.orderflow.order.saga;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.order.saga.OrderChange.Cancel;
import dev.orderflow.order.saga.OrderChange.Confirm;
import dev.orderflow.order.saga.OrderChange.Reject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The place-order saga of one order, as immutable state plus its rules (docs/contract.md section 4):
 * <ol>
 *   <li>{@link #begin}: the order is placed (PENDING) and {@code ReserveStock} is sent;</li>
 *   <li>{@link #on(StockReserved, Instant)}: {@code AuthorizePayment};
 *       {@link #on(StockRejected, Instant)}: REJECTED/OUT_OF_STOCK;</li>
 *   <li>{@link #on(PaymentDeclined, Instant)}: {@code ReleaseStock}, REJECTED/reason;</li>
 *   <li>{@link #on(PaymentAuthorized, Instant)}: CONFIRMED, {@code CommitStock};</li>
 *   <li>{@link #onDeadline}: {@code ReleaseStock} (and {@code RefundPayment} if payment was asked for),
 *       REJECTED/TIMED_OUT; a late authorization for a rejected or cancelled order is refunded;</li>
 *   <li>{@link #onCancel}: {@code ReleaseStock}, {@code RefundPayment} as needed, CANCELLED.</li>
 * </ol>
 * An operator may also act on a saga stuck in a running step: {@link #onResume} sends the step's command again with a
 * new deadline, {@link #onCompensate} ends it at once as its deadline would.
 * Compensations always go out after the command they undo and on the same key (the order id), so the
 * participant sees them in that order: a Release after the Reserve, a Refund after the Authorize.
 *
 * @param reason           why the order was rejected or cancelled; null otherwise
 * @param paymentRequested AuthorizePayment was sent, so money may have been taken
 * @param refundRequested  RefundPayment was sent after that: nothing further to give back
 * @param deadline         when a running saga is timed out; null once it is finished
 */
public record PlaceOrderSaga(UUID orderId, String customerId, Money total, SagaStep step, RejectionReason reason,
                             boolean paymentRequested, boolean refundRequested, Instant startedAt, Instant deadline,
                             Instant endedAt, long version) {

    public PlaceOrderSaga {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(startedAt, "startedAt");
        if (step.isRunning() && deadline == null) {
            throw new IllegalArgumentException("a running saga needs a deadline");
        }
    }

    /** Step 1: the order was placed; reserve its stock and give the saga until {@code now + timeout}. */
    public static SagaDecision begin(UUID orderId, String customerId, Money total, List<StockLine> lines,
                                     Instant now, Duration timeout) {
        PlaceOrderSaga saga = new PlaceOrderSaga(orderId, customerId, total, SagaStep.RESERVING_STOCK, null, false,
                false, now, now.plus(timeout), null, 0);
        return SagaDecision.advance(saga, null, SagaCommand.of(new ReserveStock(orderId, lines)));
    }

    /** Step 2: stock is held, charge the customer. */
    public SagaDecision on(StockReserved reply, Instant now) {
        if (step != SagaStep.RESERVING_STOCK) {
            return SagaDecision.ignore(this);
        }
        return SagaDecision.advance(withStep(SagaStep.AUTHORIZING_PAYMENT).withPaymentRequested(), null,
                SagaCommand.of(new AuthorizePayment(orderId, customerId, total, basket(reply.lines()))));
    }

    /** Step 2: nothing was reserved, so there is nothing to compensate. */
    public SagaDecision on(StockRejected reply, Instant now) {
        if (step != SagaStep.RESERVING_STOCK) {
            return SagaDecision.ignore(this);
        }
        return SagaDecision.advance(endedAs(SagaStep.REJECTED, RejectionReason.OUT_OF_STOCK, now),
                new Reject(RejectionReason.OUT_OF_STOCK));
    }

    /** Step 3: nothing was charged; give the stock back. */
    public SagaDecision on(PaymentDeclined reply, Instant now) {
        if (step != SagaStep.AUTHORIZING_PAYMENT) {
            return SagaDecision.ignore(this);
        }
        RejectionReason why = reply.reason().orderReason();
        return SagaDecision.advance(endedAs(SagaStep.REJECTED, why, now), new Reject(why),
                SagaCommand.of(new ReleaseStock(orderId)));
    }

    /**
     * Step 4: charged, so the reserved stock is sold. For an order that was rejected or cancelled meanwhile, the
     * money must go back, unless a RefundPayment already followed the AuthorizePayment on the same key (the
     * payment service then refunds this very authorization).
     */
    public SagaDecision on(PaymentAuthorized reply, Instant now) {
        if (step == SagaStep.AUTHORIZING_PAYMENT) {
            return SagaDecision.advance(endedAs(SagaStep.CONFIRMED, null, now), new Confirm(),
                    SagaCommand.of(new CommitStock(orderId)));
        }
        if ((step == SagaStep.REJECTED || step == SagaStep.CANCELLED) && !refundRequested) {
            return SagaDecision.compensateLateReply(withRefundRequested(),
                    SagaCommand.of(new RefundPayment(orderId, reason)));
        }
        return SagaDecision.ignore(this);
    }

    /** Confirmation that a release went through: nothing to do. */
    public SagaDecision on(StockReleased reply, Instant now) {
        return SagaDecision.acknowledge(this);
    }

    /** Confirmation that the reserved stock is sold: nothing to do. */
    public SagaDecision on(StockCommitted reply, Instant now) {
        return SagaDecision.acknowledge(this);
    }

    /** Confirmation of a refund: nothing to do. */
    public SagaDecision on(PaymentRefunded reply, Instant now) {
        return SagaDecision.acknowledge(this);
    }

    /** Step 5: no answer in time. Undo whatever may have happened; the participants process it after the request. */
    public SagaDecision onDeadline(Instant now) {
        if (!step.isRunning() || !now.isAfter(deadline)) {
            return SagaDecision.ignore(this);
        }
        return end(SagaStep.REJECTED, RejectionReason.TIMED_OUT, new Reject(RejectionReason.TIMED_OUT), now);
    }

    /** Step 6: the customer cancels a pending or confirmed order. The order aggregate guards the status. */
    public SagaDecision onCancel(Instant now) {
        if (step == SagaStep.REJECTED || step == SagaStep.CANCELLED) {
            throw new IllegalStateException("saga of order " + orderId + " already ended " + step);
        }
        return end(SagaStep.CANCELLED, RejectionReason.CUSTOMER_CANCELLED, new Cancel(), now);
    }

    /**
     * An operator resumes a saga stuck in a running step: the step's command goes out again, and the saga gets a new
     * deadline, {@code timeout} from now. Both participants answer a repeated command as they answered the first
     * (a reservation or a payment per order), so whatever went out before is never done twice.
     *
     * @param lines the order's lines, which a repeated {@code ReserveStock} carries
     * @throws IllegalStateException if the saga has finished
     */
    public SagaDecision onResume(Instant now, Duration timeout, List<StockLine> lines) {
        PlaceOrderSaga resumed = withDeadline(now.plus(timeout));
        return switch (step) {
            case RESERVING_STOCK -> SagaDecision.advance(resumed, null,
                    SagaCommand.of(new ReserveStock(orderId, lines)));
            case AUTHORIZING_PAYMENT -> SagaDecision.advance(resumed, null,
                    SagaCommand.of(new AuthorizePayment(orderId, customerId, total, basket(lines))));
            case CONFIRMED, REJECTED, CANCELLED ->
                    throw new IllegalStateException("saga of order " + orderId + " already ended " + step);
        };
    }

    /**
     * An operator gives up on a saga stuck in a running step before its deadline: it ends as a deadline ends it
     * (REJECTED / TIMED_OUT, the stock released and the payment refunded if it was asked for).
     *
     * @throws IllegalStateException if the saga has finished
     */
    public SagaDecision onCompensate(Instant now) {
        if (!step.isRunning()) {
            throw new IllegalStateException("saga of order " + orderId + " already ended " + step);
        }
        return end(SagaStep.REJECTED, RejectionReason.TIMED_OUT, new Reject(RejectionReason.TIMED_OUT), now);
    }

    /** Ends the saga undoing what may have been done: the stock, and the payment if it was asked for. */
    private SagaDecision end(SagaStep outcome, RejectionReason why, OrderChange change, Instant now) {
        // ReleaseStock is a no-op for an order that holds nothing, so it is always safe to send.
        if (paymentRequested && !refundRequested) {
            return SagaDecision.advance(endedAs(outcome, why, now).withRefundRequested(), change,
                    SagaCommand.of(new ReleaseStock(orderId)), SagaCommand.of(new RefundPayment(orderId, why)));
        }
        return SagaDecision.advance(endedAs(outcome, why, now), change, SagaCommand.of(new ReleaseStock(orderId)));
    }

    // The state changes, each a copy of this saga with one thing changed.

    private PlaceOrderSaga withStep(SagaStep next) {
        return new PlaceOrderSaga(orderId, customerId, total, next, reason, paymentRequested, refundRequested,
                startedAt, deadline, endedAt, version);
    }

    private PlaceOrderSaga withDeadline(Instant next) {
        return new PlaceOrderSaga(orderId, customerId, total, step, reason, paymentRequested, refundRequested,
                startedAt, next, endedAt, version);
    }

    private PlaceOrderSaga withPaymentRequested() {
        return new PlaceOrderSaga(orderId, customerId, total, step, reason, true, refundRequested, startedAt,
                deadline, endedAt, version);
    }

    private PlaceOrderSaga withRefundRequested() {
        return new PlaceOrderSaga(orderId, customerId, total, step, reason, paymentRequested, true, startedAt,
                deadline, endedAt, version);
    }

    /** Finished with {@code outcome} (and why, for a rejection or cancel) at {@code now}: no deadline any more. */
    private PlaceOrderSaga endedAs(SagaStep outcome, RejectionReason why, Instant now) {
        return new PlaceOrderSaga(orderId, customerId, total, outcome, why, paymentRequested, refundRequested,
                startedAt, null, now, version);
    }

    public boolean isRunning() {
        return step.isRunning();
    }

    /** The order's size as payment screening reads it: its lines and units (the stock held for it is the order's). */
    private static AuthorizePayment.Basket basket(List<StockLine> lines) {
        return new AuthorizePayment.Basket(lines.size(), lines.stream().mapToInt(StockLine::quantity).sum());
    }
}

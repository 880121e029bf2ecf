package dev.orderflow.payment.cashier;

import dev.orderflow.events.Topics;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.envelope.HandlingContext;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.payment.config.PaymentProperties;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.domain.PaymentStatus;
import dev.orderflow.payment.psp.ChargeOutcome;
import dev.orderflow.payment.store.CreditAccounts;
import dev.orderflow.payment.store.CustomerHistories;
import dev.orderflow.payment.store.Ledger;
import dev.orderflow.payment.store.Payments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pending payments as a work queue shared by the charge workers of every instance, and the transactions that
 * settle them with their replies. Each method is one short transaction; none is open while the gateway is called.
 *
 * <p>A settlement locks the payment and acts only if it is still pending, so of two workers that both called the
 * gateway for it (a lease that ran out under a slow call) exactly one settles it; the idempotency key made their
 * calls one charge.
 */
@Component
public class PendingCharges {

    private static final Logger log = LoggerFactory.getLogger(PendingCharges.class);

    private final Payments payments;
    private final CreditAccounts accounts;
    private final Ledger ledger;
    private final CustomerHistories histories;
    private final Outbox outbox;
    private final PaymentOutcomes outcomes;
    private final WorkQueue queue;
    private final Clock clock;
    private final Duration lease;

    PendingCharges(Payments payments, CreditAccounts accounts, Ledger ledger, CustomerHistories histories,
            Outbox outbox, PaymentOutcomes outcomes, WorkQueue chargeQueue, Clock clock, PaymentProperties properties) {
        this.payments = payments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.histories = histories;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.queue = chargeQueue;
        this.clock = clock;
        this.lease = properties.charging().lease();
    }

    /**
     * Takes up to {@code limit} queued payments that no live worker holds, each until the lease runs out, and reads
     * them in the same transaction. An item whose payment is no longer pending (settled by a worker whose lease had
     * run out) is nobody's work any more and leaves the queue here.
     */
    @Transactional
    public List<ClaimedCharge> claim(int limit) {
        return queue.claim(limit, lease, ids -> payments.findPending(ids).stream()
                .collect(Collectors.toMap(Payment::id, Function.identity())), ClaimedCharge::of);
    }

    /**
     * Settles the payment with the gateway's answer: authorized (the hold becomes a charge) or declined (the hold is
     * released), with the reply to the saga. A charge for an order closed meanwhile is noted instead, for a refund.
     *
     * @return the charge to refund, when the order was closed while the gateway charged it
     */
    @Transactional
    public Optional<String> settle(ClaimedCharge claimed, ChargeOutcome outcome) {
        Instant now = clock.instant();
        Payment payment = lockedIfPending(claimed).orElse(null);
        if (payment == null) {
            return Optional.empty();
        }
        if (outcome instanceof ChargeOutcome.Charged charged && payment.isCloseRequested()) {
            // Still pending, and still this worker's: the refund that follows settles it.
            payment.chargedAfterClose(charged.chargeId(), now);
            payments.update(payment);
            return Optional.of(charged.chargeId());
        }
        CreditAccount account = accountOf(payment);
        PaymentEvent reply = switch (outcome) {
            case ChargeOutcome.Charged charged -> {
                account.chargeHeld(payment.amount(), now);
                histories.authorized(payment.customerId(), payment.amount());
                PaymentEvent authorized = payment.authorized(charged.chargeId(), now);
                ledger.append(LedgerEntry.charge(account, payment, now));
                outcomes.authorized();
                log.info("Payment of order {} authorized: {} charged as {}", payment.orderId(), payment.amount(),
                        charged.chargeId());
                yield authorized;
            }
            case ChargeOutcome.Declined declined -> decline(payment, account, DeclineReason.PAYMENT_DECLINED,
                    "the payment gateway declined: " + declined.declineCode(), now);
            case ChargeOutcome.Unavailable unavailable -> decline(payment, account,
                    DeclineReason.PAYMENT_UNAVAILABLE, unavailable.why(), now);
        };
        accounts.update(account);
        payments.update(payment);
        reply(payment, reply);
        return Optional.empty();
    }

    /**
     * Declines a payment whose order was closed before it was charged, without asking the gateway. Should an
     * earlier worker that died have charged it after all, reconciliation finds that charge and refunds it.
     */
    @Transactional
    public void closeUncharged(ClaimedCharge claimed) {
        Instant now = clock.instant();
        lockedIfPending(claimed).ifPresent(payment -> {
            CreditAccount account = accountOf(payment);
            PaymentEvent declined = decline(payment, account, DeclineReason.ORDER_CLOSED,
                    "the order was closed (" + payment.closeReason() + ") before its charge", now);
            accounts.update(account);
            payments.update(payment);
            reply(payment, declined);
        });
    }

    /**
     * The gateway refunded the charge it made after the order was closed: the customer paid and got it back, both in
     * the ledger, and the hold is gone.
     */
    @Transactional
    public void refundedAfterClose(ClaimedCharge claimed, String chargeId, String refundId) {
        Instant now = clock.instant();
        lockedIfPending(claimed).ifPresent(payment -> {
            if (payment.chargeId() == null) {
                payment.chargedAfterClose(chargeId, now);
            }
            CreditAccount account = accountOf(payment);
            account.chargeHeld(payment.amount(), now);
            ledger.append(LedgerEntry.charge(account, payment, now));
            PaymentEvent refunded = payment.refunded(refundId, now);
            account.restore(payment.amount(), now);
            ledger.append(LedgerEntry.refund(account, payment, now));
            accounts.update(account);
            histories.authorized(payment.customerId(), payment.amount());
            histories.refunded(payment.customerId());
            payments.update(payment);
            outcomes.refunded();
            log.info("Payment of order {} refunded: charged as {} after its order was closed", payment.orderId(),
                    payment.chargeId());
            reply(payment, refunded);
        });
    }

    @Transactional(readOnly = true)
    public long pendingCount() {
        return payments.countPending();
    }

    private Optional<Payment> lockedIfPending(ClaimedCharge claimed) {
        Optional<Payment> payment = payments.findByIdForUpdate(claimed.paymentId())
                .filter(found -> found.status() == PaymentStatus.PENDING);
        if (payment.isEmpty()) {
            log.info("Payment {} of order {} was settled by another worker", claimed.paymentId(), claimed.orderId());
            queue.complete(claimed.paymentId());
        }
        return payment;
    }

    private CreditAccount accountOf(Payment payment) {
        return accounts.findForUpdate(payment.customerId()).orElseThrow(() ->
                new IllegalStateException("payment " + payment.id() + " has no account " + payment.customerId()));
    }

    private PaymentEvent decline(Payment payment, CreditAccount account, DeclineReason reason, String detail,
            Instant now) {
        account.releaseHold(payment.amount(), now);
        histories.declined(payment.customerId());
        PaymentEvent declined = payment.declined(reason, detail, now);
        outcomes.declined(reason);
        log.info("Payment of order {} declined: {} ({})", payment.orderId(), reason, detail);
        return declined;
    }

    /** Sends the reply as the answer to the command that asked for the payment: its cause, in its trace. */
    private void reply(Payment payment, PaymentEvent reply) {
        // Every reply settles the payment: its work ends in the transaction that records how it ended.
        queue.complete(payment.id());
        String key = payment.orderId().toString();
        IncomingMessage command = new IncomingMessage(payment.commandId(), AuthorizePayment.TYPE, null, key,
                payment.createdAt(), null, null, null, payment.commandTraceparent(), Topics.PAYMENTS_COMMANDS, -1, -1);
        HandlingContext.handling(command, () -> outbox.append(key, reply));
    }
}

package dev.orderflow.payment.cashier;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.payment.domain.ClosedOrder;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.store.ClosedOrders;
import dev.orderflow.payment.store.CreditAccounts;
import dev.orderflow.payment.store.CustomerHistories;
import dev.orderflow.payment.store.Ledger;
import dev.orderflow.payment.store.Payments;
import dev.orderflow.screening.CustomerHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides on the saga's payment commands within the command's transaction (with its inbox record and outbox reply),
 * never waiting on the gateway. Each order has one payment, so asking again (a redelivered or repeated command)
 * answers what was decided the first time and never charges twice.
 *
 * <p>Every authorization of a customer with an account is screened ({@link PaymentScreening}: scored by the model,
 * decided by it or by the fraud rules) and counted in the customer's history. One that passes the credit check and
 * the screen holds its amount on the account and stays
 * {@code PENDING} for the {@link ChargeWorker}, which charges it at the gateway and sends the reply; one that does
 * not is declined at once.
 */
@Component
public class Cashier {

    private static final Logger log = LoggerFactory.getLogger(Cashier.class);

    private final CreditAccounts accounts;
    private final Payments payments;
    private final ClosedOrders closedOrders;
    private final Ledger ledger;
    private final CustomerHistories histories;
    private final PaymentScreening screening;
    private final PaymentGatewayClient gateway;
    private final PaymentOutcomes outcomes;
    private final WorkQueue chargeQueue;
    private final Clock clock;
    private final CurrentTrace currentTrace;

    Cashier(CreditAccounts accounts, Payments payments, ClosedOrders closedOrders, Ledger ledger,
            CustomerHistories histories, PaymentScreening screening, PaymentGatewayClient gateway,
            PaymentOutcomes outcomes, WorkQueue chargeQueue, Clock clock, ObjectProvider<CurrentTrace> currentTrace) {
        this.accounts = accounts;
        this.currentTrace = currentTrace.getIfAvailable(() -> CurrentTrace.NONE);
        this.payments = payments;
        this.closedOrders = closedOrders;
        this.ledger = ledger;
        this.histories = histories;
        this.screening = screening;
        this.gateway = gateway;
        this.outcomes = outcomes;
        this.chargeQueue = chargeQueue;
        this.clock = clock;
    }

    /**
     * Credit check and fraud screening; then the amount is held for the charge worker. The customer's account is
     * locked from the credit check to the end of this short transaction, so two orders of one customer cannot both
     * spend the same credit: the second sees the first one's hold.
     *
     * @param command the command's message, named as the cause of the reply the charge worker will send
     * @return the reply to send now: a decline, or the earlier outcome of the order's payment; empty while the
     *         payment waits for the gateway (the charge worker replies)
     */
    @Transactional
    public Optional<PaymentEvent> authorize(AuthorizePayment command, IncomingMessage message) {
        Optional<Payment> earlier = payments.findByOrderId(command.orderId());
        if (earlier.isPresent()) {
            return earlier.get().outcome();
        }
        if (closedOrders.existsById(command.orderId())) {
            return Optional.of(decline(command, DeclineReason.ORDER_CLOSED,
                    "the order was closed by a refund before its payment"));
        }
        Optional<CreditAccounts.LockedAccount> found = accounts.findForUpdateWithHistory(command.customerId());
        if (found.isEmpty()) {
            return Optional.of(decline(command, DeclineReason.INSUFFICIENT_CREDIT,
                    "customer " + command.customerId() + " has no credit account"));
        }
        CreditAccount account = found.get().account();
        Instant now = clock.instant();
        // Every attempt is scored, and counts in the customer's history from now on, whatever its outcome.
        CustomerHistory history = found.get().history();
        PaymentScreening.Verdict verdict = screening.screen(command, history, now);
        Optional<PaymentScreening.Decline> refused = account.canCover(command.amount())
                ? verdict.decline()
                : Optional.of(new PaymentScreening.Decline(DeclineReason.INSUFFICIENT_CREDIT,
                        account.available() + " available, " + command.amount() + " asked"));
        history.attempted(now);
        // A decline is its outcome now; a held payment's is the charge worker's to record, once the gateway answers.
        refused.ifPresent(declined -> history.declined());
        histories.save(command.customerId(), history);
        if (refused.isPresent()) {
            return Optional.of(decline(command, refused.get().reason(), refused.get().detail(), verdict.reported()));
        }
        account.hold(command.amount(), now);
        accounts.update(account);
        // The charge worker continues the trace from here: the consumer span handling the command if a tracer runs.
        String trace = currentTrace.current().map(Traceparent::toString).orElse(message.traceparent());
        Payment payment = Payment.pending(command.orderId(), command.customerId(), command.amount(), message.id(),
                trace, verdict.reported(), now);
        payments.insert(payment);
        chargeQueue.enqueue(payment.id());
        log.debug("Payment of order {} pending: {} held", command.orderId(), command.amount());
        return Optional.empty();
    }

    /**
     * Gives back what the order's payment took. Without a payment, the order is closed instead: its authorization,
     * if it is still on its way, will be declined, so nothing is ever taken for it. A pending payment is closed too:
     * the charge worker refunds whatever the gateway charges for it and releases its hold.
     *
     * @return the refund to announce; empty when there was nothing (more) to refund, or the charge worker will
     */
    @Transactional
    public Optional<PaymentRefunded> refund(RefundPayment command) {
        Instant now = clock.instant();
        Optional<Payment> found = payments.findByOrderIdForUpdate(command.orderId());
        if (found.isEmpty()) {
            closedOrders.addIfAbsent(new ClosedOrder(command.orderId(), command.reason().name(), now));
            return Optional.empty();
        }
        Payment payment = found.get();
        return switch (payment.status()) {
            case DECLINED, REFUNDED -> Optional.empty();
            case PENDING -> {
                if (payment.requestClose(command.reason().name(), now)) {
                    payments.update(payment);
                    log.info("Payment of order {} closed while pending ({})", payment.orderId(), command.reason());
                    // The charge worker must see the close: at once if the payment waits, or after its claim.
                    chargeQueue.enqueue(payment.id());
                }
                yield Optional.empty();
            }
            case AUTHORIZED -> Optional.of(refundAuthorized(payment, now));
        };
    }

    private PaymentRefunded refundAuthorized(Payment payment, Instant now) {
        String refundId = gateway.refund(payment.orderId(), payment.chargeId(), payment.amount());
        CreditAccount account = accounts.findForUpdate(payment.customerId()).orElseThrow(() ->
                new IllegalStateException("payment " + payment.id() + " has no account " + payment.customerId()));
        account.restore(payment.amount(), now);
        accounts.update(account);
        histories.refunded(payment.customerId());
        PaymentRefunded refunded = payment.refunded(refundId, now);
        payments.update(payment);
        ledger.append(LedgerEntry.refund(account, payment, now));
        outcomes.refunded();
        return refunded;
    }

    private PaymentDeclined decline(AuthorizePayment command, DeclineReason reason, String detail) {
        return decline(command, reason, detail, null);
    }

    private PaymentDeclined decline(AuthorizePayment command, DeclineReason reason, String detail,
            Screening screening) {
        log.info("Payment of order {} declined: {} ({})", command.orderId(), reason, detail);
        Payment payment = Payment.declined(command.orderId(), command.customerId(), command.amount(), reason, detail,
                screening, clock.instant());
        payments.insert(payment);
        outcomes.declined(reason);
        return (PaymentDeclined) payment.outcome().orElseThrow();
    }
}

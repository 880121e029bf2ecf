package dev.orderflow.payment.cashier;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.payment.domain.ClosedOrder;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.payment.domain.FraudScreen;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.psp.ChargeOutcome;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.store.ClosedOrders;
import dev.orderflow.payment.store.CreditAccounts;
import dev.orderflow.payment.store.Ledger;
import dev.orderflow.payment.store.Payments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes and gives back the money of orders. Each decision is recorded as the order's one payment, so asking again
 * (a redelivered or repeated command) answers what was decided the first time and never charges twice.
 *
 * <p>Methods join the caller's transaction (the command's, with its inbox record and outbox reply).
 */
@Component
public class Cashier {

    private static final Logger log = LoggerFactory.getLogger(Cashier.class);

    private final CreditAccounts accounts;
    private final Payments payments;
    private final ClosedOrders closedOrders;
    private final Ledger ledger;
    private final FraudScreen fraudScreen;
    private final PaymentGatewayClient gateway;
    private final PaymentOutcomes outcomes;
    private final Clock clock;

    Cashier(CreditAccounts accounts, Payments payments, ClosedOrders closedOrders, Ledger ledger,
            FraudScreen fraudScreen, PaymentGatewayClient gateway, PaymentOutcomes outcomes, Clock clock) {
        this.accounts = accounts;
        this.payments = payments;
        this.closedOrders = closedOrders;
        this.ledger = ledger;
        this.fraudScreen = fraudScreen;
        this.gateway = gateway;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Credit check, fraud screening, then the charge. The customer's account stays locked from the credit check to
     * the end of the transaction, so two orders of one customer cannot both spend the same credit.
     */
    @Transactional
    public PaymentEvent authorize(AuthorizePayment command) {
        Optional<Payment> earlier = payments.findByOrderId(command.orderId());
        if (earlier.isPresent()) {
            return earlier.get().outcome();
        }
        if (closedOrders.existsById(command.orderId())) {
            return decline(command, DeclineReason.ORDER_CLOSED, "the order was closed by a refund before its payment");
        }
        Optional<CreditAccount> found = accounts.findForUpdate(command.customerId());
        if (found.isEmpty()) {
            return decline(command, DeclineReason.INSUFFICIENT_CREDIT,
                    "customer " + command.customerId() + " has no credit account");
        }
        CreditAccount account = found.get();
        if (!account.canCover(command.amount())) {
            return decline(command, DeclineReason.INSUFFICIENT_CREDIT,
                    account.available() + " available, " + command.amount() + " asked");
        }
        Optional<String> suspicion = fraudScreen.suspicion(command);
        if (suspicion.isPresent()) {
            return decline(command, DeclineReason.FRAUD_SUSPECTED, suspicion.get());
        }
        return switch (gateway.charge(command.orderId(), command.customerId(), command.amount())) {
            case ChargeOutcome.Charged charged -> authorized(command, account, charged.chargeId());
            case ChargeOutcome.Declined declined -> decline(command, DeclineReason.PAYMENT_DECLINED,
                    "the payment gateway declined: " + declined.declineCode());
            case ChargeOutcome.Unavailable unavailable -> decline(command, DeclineReason.PAYMENT_UNAVAILABLE,
                    unavailable.why());
        };
    }

    /**
     * Gives back what the order's payment took. Without a payment, the order is closed instead: its authorization,
     * if it is still on its way, will be declined, so nothing is ever taken for it.
     *
     * @return the refund to announce; empty when there was nothing (more) to refund
     */
    @Transactional
    public Optional<PaymentRefunded> refund(RefundPayment command) {
        Instant now = clock.instant();
        Optional<Payment> found = payments.findByOrderIdForUpdate(command.orderId());
        if (found.isEmpty()) {
            if (!closedOrders.existsById(command.orderId())) {
                closedOrders.save(new ClosedOrder(command.orderId(), command.reason().name(), now));
            }
            return Optional.empty();
        }
        Payment payment = found.get();
        return switch (payment.status()) {
            case DECLINED, REFUNDED -> Optional.empty();
            case AUTHORIZED -> Optional.of(refundAuthorized(payment, now));
        };
    }

    private PaymentRefunded refundAuthorized(Payment payment, Instant now) {
        String refundId = gateway.refund(payment.orderId(), payment.chargeId(), payment.amount());
        CreditAccount account = accounts.findForUpdate(payment.customerId()).orElseThrow(() ->
                new IllegalStateException("payment " + payment.id() + " has no account " + payment.customerId()));
        account.restore(payment.amount(), now);
        PaymentRefunded refunded = payment.refunded(refundId, now);
        ledger.save(LedgerEntry.refund(account, payment, now));
        outcomes.refunded();
        return refunded;
    }

    private PaymentAuthorized authorized(AuthorizePayment command, CreditAccount account, String chargeId) {
        Instant now = clock.instant();
        account.charge(command.amount(), now);
        Payment payment = payments.save(
                Payment.authorized(command.orderId(), command.customerId(), command.amount(), chargeId, now));
        log.info("Payment of order {} authorized: {} charged as {}", command.orderId(), command.amount(), chargeId);
        ledger.save(LedgerEntry.charge(account, payment, now));
        outcomes.authorized();
        return (PaymentAuthorized) payment.outcome();
    }

    private PaymentDeclined decline(AuthorizePayment command, DeclineReason reason, String detail) {
        log.info("Payment of order {} declined: {} ({})", command.orderId(), reason, detail);
        Payment payment = payments.save(Payment.declined(command.orderId(), command.customerId(), command.amount(),
                reason, detail, clock.instant()));
        outcomes.declined(reason);
        return (PaymentDeclined) payment.outcome();
    }
}

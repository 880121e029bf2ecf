package dev.orderflow.payment;

import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.domain.PaymentStatus;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.store.CustomerHistories;
import dev.orderflow.payment.store.Ledger;
import dev.orderflow.payment.store.Payments;
import dev.orderflow.screening.CustomerHistory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The saga's commands on real Kafka, answered through the outbox, charged through the real (simulated) gateway. */
class PaymentCommandsIT extends PaymentServiceIntegrationTest {

    @Autowired
    Payments payments;

    @Autowired
    Ledger ledger;

    @Autowired
    RetryRegistry retries;

    @Autowired
    CustomerHistories histories;

    @Autowired
    MeterRegistry meters;

    @Test
    void authorizesAPaymentAndChargesTheCustomerOnce() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("40.00")));

        PaymentAuthorized authorized = awaitReply(orderId, PaymentAuthorized.class);
        assertThat(authorized.amount()).isEqualTo(eur("40.00"));
        assertThat(available(customer)).isEqualTo(eur("60.00"));
        assertThat(simulator.successfulChargesFor(orderId)).hasSize(1);
        assertThat(payments.findByOrderId(orderId)).hasValueSatisfying(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
            assertThat(payment.id()).isEqualTo(authorized.paymentId());
        });
        assertThat(ledger.findAllByOrderIdOrderByCreatedAt(orderId)).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.CHARGE);
            assertThat(entry.amount()).isEqualTo(eur("-40.00"));
            assertThat(entry.availableAfter()).isEqualTo(eur("60.00"));
        });
    }

    /**
     * Screening's view of a customer, kept in payment-service's database: every attempt counted when it is decided,
     * its outcome when known (the gateway's answer, a credit decline), a refund when it is made; and every attempt
     * scored (shadow mode here: the fraud rules decide).
     */
    @Test
    void keepsEachCustomersHistoryForScreeningAndScoresEveryAttempt() {
        String customer = customerWithCredit("100.00");
        long scoredBefore = meters.get("orderflow.payment.screening.scoring").timer().count();
        UUID paid = UUID.randomUUID();
        UUID declinedByGateway = UUID.randomUUID();
        UUID overCredit = UUID.randomUUID();

        saga.send(new AuthorizePayment(paid, customer, eur("30.00"), new AuthorizePayment.Basket(2, 3)));
        Screening screened = awaitReply(paid, PaymentAuthorized.class).screening();
        saga.send(new AuthorizePayment(declinedByGateway, customer, eur("10.13")));
        assertThat(awaitReply(declinedByGateway, PaymentDeclined.class).screening()).isNotNull();
        saga.send(new AuthorizePayment(overCredit, customer, eur("95.00")));
        PaymentDeclined overLimit = awaitReply(overCredit, PaymentDeclined.class);
        assertThat(overLimit.reason()).isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
        assertThat(overLimit.screening()).as("screened before its credit was checked").isNotNull();
        assertThat(screened.model()).isEqualTo("payment-screening-v1");
        assertThat(screened.mode()).isEqualTo(Screening.Mode.SHADOW);
        assertThat(screened.score()).isBetween(0.0, 1.0);
        assertThat(screened.threshold()).isBetween(0.0, 1.0);
        // Asked again, the payment answers the same, its screening included.
        saga.send(new AuthorizePayment(paid, customer, eur("30.00"), new AuthorizePayment.Basket(2, 3)));
        await().atMost(REPLY_WITHIN).until(() -> saga.repliesFor(paid).size() == 2);
        assertThat(saga.repliesFor(paid)).allSatisfy(reply ->
                assertThat(((PaymentAuthorized) reply).screening()).isEqualTo(screened));
        saga.send(new RefundPayment(paid, RejectionReason.CUSTOMER_CANCELLED));
        awaitReply(paid, PaymentRefunded.class);

        CustomerHistory.State state = await().atMost(REPLY_WITHIN).until(
                () -> histories.find(customer).orElseThrow().state(), kept -> kept.refunds() == 1);
        assertThat(state.attempts()).isEqualTo(3);
        assertThat(state.authorized()).isEqualTo(1);
        assertThat(state.authorizedAmount()).isEqualTo(30.0);
        assertThat(state.largestAmount()).isEqualTo(30.0);
        assertThat(state.declines()).isEqualTo(2);
        assertThat(state.lastDay()).hasSize(3);
        assertThat(state.lastAttemptAt()).isEqualTo(state.lastDay().getLast());
        assertThat(meters.get("orderflow.payment.screening.scoring").timer().count()).isEqualTo(scoredBefore + 3);
        assertThat(histories.find("c-nobody")).as("no account, no history").isEmpty();
    }

    @Test
    void declinesWhenCreditIsInsufficientAndChargesNothing() {
        String customer = customerWithCredit("20.00");
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("20.01")));

        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
        assertThat(simulator.chargesFor(orderId)).isEmpty();
        assertThat(available(customer)).isEqualTo(eur("20.00"));
    }

    @Test
    void declinesAnUnknownCustomerForInsufficientCredit() {
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, "c-nobody-" + orderId, eur("1.00")));

        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
    }

    @Test
    void declinesWhenTheGatewayDeclinesAndKeepsTheCredit() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("10.13")));

        PaymentDeclined declined = awaitReply(orderId, PaymentDeclined.class);
        assertThat(declined.reason()).isEqualTo(DeclineReason.PAYMENT_DECLINED);
        assertThat(declined.detail()).contains("card_declined");
        assertThat(simulator.successfulChargesFor(orderId)).isEmpty();
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(payments.findByOrderId(orderId)).hasValueSatisfying(payment ->
                assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED));
    }

    @Test
    void declinesAsUnavailableDuringAGatewayOutageAfterRetryingAndOpensTheCircuit() {
        String customer = customerWithCredit("100.00");
        simulator.pspFaults(Map.of("outage", true));
        long retriedBefore = retriedCalls();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        saga.send(new AuthorizePayment(first, customer, eur("5.00")));
        saga.send(new AuthorizePayment(second, customer, eur("5.00")));

        assertThat(awaitReply(first, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.PAYMENT_UNAVAILABLE);
        assertThat(awaitReply(second, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.PAYMENT_UNAVAILABLE);
        assertThat(retriedCalls()).isGreaterThan(retriedBefore);
        // Two commands of three attempts each reach the breaker's minimum of five calls, all failed.
        assertThat(circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(available(customer)).isEqualTo(eur("100.00"));

        UUID whileOpen = UUID.randomUUID();
        saga.send(new AuthorizePayment(whileOpen, customer, eur("5.00")));
        assertThat(awaitReply(whileOpen, PaymentDeclined.class).detail()).contains("circuit breaker is open");
    }

    @Test
    void authorizesAgainOnceTheGatewayRecovers() {
        String customer = customerWithCredit("100.00");
        circuitBreaker().transitionToOpenState();
        simulator.healPsp();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> circuitBreaker().getState() == CircuitBreaker.State.HALF_OPEN);
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, eur("5.00")));

        awaitReply(orderId, PaymentAuthorized.class);
    }

    @Test
    void declinesAsUnavailableWhenTheGatewayIsSlowerThanTheTimeout() {
        String customer = customerWithCredit("100.00");
        simulator.pspFaults(Map.of("latencyMs", 1_500));
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("5.00")));

        PaymentDeclined declined = awaitReply(orderId, PaymentDeclined.class);
        assertThat(declined.reason()).isEqualTo(DeclineReason.PAYMENT_UNAVAILABLE);
        assertThat(declined.detail()).contains("did not answer");
        assertThat(available(customer)).isEqualTo(eur("100.00"));
    }

    @Test
    void refundsAChargeTheSlowGatewayMadeAfterWeGaveUp() {
        String customer = customerWithCredit("100.00");
        simulator.pspFaults(Map.of("latencyMs", 1_500));
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("7.00")));
        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.PAYMENT_UNAVAILABLE);
        simulator.healPsp();

        // The gateway finished the charge after the client timed out: the customer paid for a rejected order...
        await().atMost(REPLY_WITHIN).until(() -> simulator.successfulChargesFor(orderId).size() == 1);
        Object chargeId = simulator.successfulChargesFor(orderId).getFirst().get("chargeId");
        // ...until reconciliation finds that charge and pays it back, once.
        await().atMost(REPLY_WITHIN).until(() -> simulator.refundsOf(chargeId).size() == 1);
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(saga.repliesFor(orderId)).hasSize(1);
    }

    @Test
    void chargesOnceWhenTheSameAuthorizationIsDeliveredFiveTimes() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        AuthorizePayment command = new AuthorizePayment(orderId, customer, eur("25.00"));
        String messageId = UUID.randomUUID().toString();

        for (int delivery = 0; delivery < 5; delivery++) {
            saga.send(messageId, command);
        }
        // A second message for the same order (the saga asking again) must not charge either, whether it comes
        // while the charge is pending (no answer yet: the charge worker answers once) or after it (the same answer).
        saga.send(command);
        awaitReply(orderId, PaymentAuthorized.class);
        saga.send(command);

        await().atMost(REPLY_WITHIN).until(() -> saga.repliesFor(orderId).size() >= 2);
        UUID paymentId = payments.findByOrderId(orderId).orElseThrow().id();
        assertThat(saga.repliesFor(orderId)).hasSizeBetween(2, 3)
                .allSatisfy(reply -> assertThat(reply).isInstanceOf(PaymentAuthorized.class))
                .extracting(reply -> ((PaymentAuthorized) reply).paymentId()).containsOnly(paymentId);
        assertThat(simulator.chargesFor(orderId)).hasSize(1);
        assertThat(available(customer)).isEqualTo(eur("75.00"));
        assertThat(ledger.findAllByOrderIdOrderByCreatedAt(orderId)).hasSize(1);
    }

    @Test
    void refundsAnAuthorizedPayment() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        PaymentAuthorized authorized = awaitReply(orderId, PaymentAuthorized.class);

        saga.send(new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED));

        PaymentRefunded refunded = awaitReply(orderId, PaymentRefunded.class);
        assertThat(refunded.paymentId()).isEqualTo(authorized.paymentId());
        assertThat(refunded.amount()).isEqualTo(eur("30.00"));
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        Object chargeId = simulator.successfulChargesFor(orderId).getFirst().get("chargeId");
        assertThat(simulator.refundsOf(chargeId)).hasSize(1);
        assertThat(payments.findByOrderId(orderId)).hasValueSatisfying(payment ->
                assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED));
        assertThat(ledger.findAllByOrderIdOrderByCreatedAt(orderId)).extracting(LedgerEntry::kind)
                .containsExactly(LedgerEntry.Kind.CHARGE, LedgerEntry.Kind.REFUND);
    }

    @Test
    void refundsOnlyOnceWhenTheRefundIsSentTwice() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitReply(orderId, PaymentAuthorized.class);

        saga.send(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        saga.send(new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED));
        // Same order, same partition: once this is answered, both refunds were handled.
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.ORDER_CLOSED);

        assertThat(saga.repliesFor(orderId)).filteredOn(PaymentRefunded.class::isInstance).hasSize(1);
        Object chargeId = simulator.successfulChargesFor(orderId).getFirst().get("chargeId");
        assertThat(simulator.refundsOf(chargeId)).hasSize(1);
        assertThat(available(customer)).isEqualTo(eur("100.00"));
    }

    @Test
    void aRefundBeforeTheAuthorizationClosesTheOrder() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();

        saga.send(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));

        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.ORDER_CLOSED);
        assertThat(saga.repliesFor(orderId)).hasSize(1);
        assertThat(simulator.chargesFor(orderId)).isEmpty();
        assertThat(available(customer)).isEqualTo(eur("100.00"));
    }

    @Test
    void suspectsFraudAboveTheSinglePaymentCeiling() {
        String customer = customerWithCredit("5000.00");
        UUID orderId = UUID.randomUUID();

        saga.send(new AuthorizePayment(orderId, customer, eur("3000.01")));

        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.FRAUD_SUSPECTED);
        assertThat(simulator.chargesFor(orderId)).isEmpty();
    }

    private long retriedCalls() {
        Retry.Metrics metrics = retries.retry(PaymentGatewayClient.PSP).getMetrics();
        return metrics.getNumberOfFailedCallsWithRetryAttempt() + metrics.getNumberOfSuccessfulCallsWithRetryAttempt();
    }
}

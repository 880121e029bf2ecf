package dev.orderflow.payment;

import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.payment.cashier.ChargeWorker;
import dev.orderflow.payment.cashier.ClaimedCharge;
import dev.orderflow.payment.cashier.PendingCharges;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.domain.PaymentStatus;
import dev.orderflow.payment.psp.ChargeOutcome;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.store.Ledger;
import dev.orderflow.payment.store.Payments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The charge worker on real Kafka, PostgreSQL and the simulated gateway: commands are answered without waiting on
 * the gateway, holds keep two orders from spending the same credit, and crashes, dead workers and refunds that
 * overtake a charge end with one charge at most and nothing kept for an order that was closed.
 *
 * <p>Several tests stop the worker, as if every instance's worker were busy or dead, to hold a payment at a chosen
 * point; the worker is running again after each test.
 */
class ChargeWorkerIT extends PaymentServiceIntegrationTest {

    @Autowired
    ChargeWorker worker;

    @Autowired
    PendingCharges pendingCharges;

    @Autowired
    PaymentGatewayClient gateway;

    @Autowired
    Payments payments;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void workerRunsAgain() {
        if (!worker.isRunning()) {
            worker.start();
        }
    }

    @Test
    void answersOtherCommandsWhileAPaymentWaitsForTheGateway() {
        String customer = customerWithCredit("100.00");
        UUID waiting = UUID.randomUUID();
        UUID unknownCustomer = UUID.randomUUID();
        UUID tooExpensive = UUID.randomUUID();
        worker.stop();

        saga.send(new AuthorizePayment(waiting, customer, eur("60.00")));
        awaitStatus(waiting, PaymentStatus.PENDING);
        saga.send(new AuthorizePayment(unknownCustomer, "c-nobody-" + unknownCustomer, eur("1.00")));
        saga.send(new AuthorizePayment(tooExpensive, customer, eur("40.01")));

        assertThat(awaitReply(unknownCustomer, PaymentDeclined.class).reason())
                .isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
        assertThat(awaitReply(tooExpensive, PaymentDeclined.class).reason())
                .as("the pending payment holds 60 of 100").isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
        assertThat(saga.repliesFor(waiting)).isEmpty();
        assertThat(simulator.chargesFor(waiting)).isEmpty();
        assertThat(account(customer).held()).isEqualTo(eur("60.00"));
        assertThat(available(customer)).isEqualTo(eur("40.00"));

        // A restart of the worker (or of the instance) finds the held payment and charges it.
        worker.start();

        assertThat(awaitReply(waiting, PaymentAuthorized.class).amount()).isEqualTo(eur("60.00"));
        assertThat(simulator.successfulChargesFor(waiting)).hasSize(1);
        assertThat(account(customer).held()).isEqualTo(eur("0.00"));
        assertThat(account(customer).balance()).isEqualTo(eur("40.00"));
    }

    @Test
    void authorizesExactlyOneOfTwoOrdersRacingForTheLastCredit() {
        // A slow gateway keeps the first payment pending while the second one is checked.
        simulator.pspFaults(Map.of("latencyMs", 200));
        List<String> customers = new ArrayList<>();
        List<UUID[]> races = new ArrayList<>();
        for (int race = 0; race < 5; race++) {
            String customer = customerWithCredit("50.00");
            UUID[] orders = {UUID.randomUUID(), UUID.randomUUID()};
            customers.add(customer);
            races.add(orders);
        }

        for (int race = 0; race < 5; race++) {
            for (UUID orderId : races.get(race)) {
                saga.sendAsync(new AuthorizePayment(orderId, customers.get(race), eur("40.00")));
            }
        }

        for (int race = 0; race < 5; race++) {
            UUID[] orders = races.get(race);
            await().atMost(REPLY_WITHIN).until(() -> !saga.repliesFor(orders[0]).isEmpty()
                    && !saga.repliesFor(orders[1]).isEmpty());
            List<Object> replies = List.of(saga.repliesFor(orders[0]).getFirst(), saga.repliesFor(orders[1]).getFirst());
            assertThat(replies).filteredOn(PaymentAuthorized.class::isInstance).hasSize(1);
            assertThat(replies).filteredOn(PaymentDeclined.class::isInstance).singleElement()
                    .satisfies(declined -> assertThat(((PaymentDeclined) declined).reason())
                            .isEqualTo(DeclineReason.INSUFFICIENT_CREDIT));
            assertThat(simulator.successfulChargesFor(orders[0]).size()
                    + simulator.successfulChargesFor(orders[1]).size()).isEqualTo(1);
            String customer = customers.get(race);
            assertThat(available(customer)).isEqualTo(eur("10.00"));
            assertThat(account(customer).held()).isEqualTo(eur("0.00"));
        }
    }

    @Test
    void takesOverAPaymentWhoseWorkerDiedBeforeCharging() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);
        Instant deadWorkersLease = claimedByAWorkerThatDies(orderId, Duration.ofSeconds(2));

        worker.start();

        awaitReplyWakingTheWorker(orderId, PaymentAuthorized.class);
        Payment payment = payments.findByOrderId(orderId).orElseThrow();
        assertThat(payment.updatedAt()).as("not taken over before the dead worker's lease ran out")
                .isAfterOrEqualTo(deadWorkersLease);
        assertThat(queued(payment.id())).as("a settled payment is nobody's work").isZero();
        assertThat(simulator.chargesFor(orderId)).hasSize(1);
        assertThat(available(customer)).isEqualTo(eur("70.00"));
    }

    @Test
    void chargesOnceWhenAWorkerDiedAfterTheGatewayCharged() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);
        claimedByAWorkerThatDies(orderId, Duration.ofSeconds(1));
        ChargeOutcome beforeTheCrash = gateway.charge(orderId, customer, eur("30.00"));
        assertThat(beforeTheCrash).isInstanceOf(ChargeOutcome.Charged.class);

        worker.start();

        PaymentAuthorized authorized = awaitReplyWakingTheWorker(orderId, PaymentAuthorized.class);
        assertThat(simulator.chargesFor(orderId)).as("every charge the gateway made for the order").hasSize(1);
        assertThat(payments.findById(authorized.paymentId()).orElseThrow().chargeId())
                .isEqualTo(((ChargeOutcome.Charged) beforeTheCrash).chargeId());
        assertThat(ledger.findAllByOrderIdOrderByCreatedAt(orderId)).hasSize(1);
        assertThat(available(customer)).isEqualTo(eur("70.00"));
        assertThat(saga.repliesFor(orderId)).hasSize(1);
    }

    @Test
    void takesNothingWhenTheRefundArrivesBeforeTheCharge() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);

        saga.send(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        awaitCloseRequested(orderId);
        worker.start();

        // The saga gave up on the order and ignores this answer; it is the one answer its authorization gets.
        assertThat(awaitReply(orderId, PaymentDeclined.class).reason()).isEqualTo(DeclineReason.ORDER_CLOSED);
        assertThat(simulator.chargesFor(orderId)).as("the gateway was never asked").isEmpty();
        assertThat(payments.findByOrderId(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(account(customer).held()).isEqualTo(eur("0.00"));
        assertThat(saga.repliesFor(orderId)).hasSize(1);
    }

    @Test
    void refundsAChargeTheGatewayMadeAfterTheOrderWasClosed() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);
        // This test is the worker now: it claims the payment, and the refund comes while it is at the gateway.
        ClaimedCharge claimed = pendingCharges.claim(1_000).stream()
                .filter(charge -> charge.orderId().equals(orderId)).findFirst().orElseThrow();
        saga.send(new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED));
        awaitCloseRequested(orderId);

        worker.process(claimed);

        PaymentRefunded refunded = awaitReply(orderId, PaymentRefunded.class);
        assertThat(refunded.amount()).isEqualTo(eur("30.00"));
        assertThat(saga.repliesFor(orderId)).as("never authorized").hasSize(1);
        Object chargeId = simulator.successfulChargesFor(orderId).getFirst().get("chargeId");
        assertThat(simulator.refundsOf(chargeId)).hasSize(1);
        assertThat(payments.findByOrderId(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(ledger.findAllByOrderIdOrderByCreatedAt(orderId)).extracting(LedgerEntry::kind)
                .containsExactly(LedgerEntry.Kind.CHARGE, LedgerEntry.Kind.REFUND);
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(account(customer).held()).isEqualTo(eur("0.00"));
    }

    @Test
    void refundsWhatADeadWorkerChargedForAnOrderClosedMeanwhile() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);
        claimedByAWorkerThatDies(orderId, Duration.ofSeconds(1));
        assertThat(gateway.charge(orderId, customer, eur("30.00"))).isInstanceOf(ChargeOutcome.Charged.class);
        saga.send(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        awaitCloseRequested(orderId);

        worker.start();

        // The worker that takes over asks the gateway what the dead one charged, and pays it back, once.
        assertThat(awaitReplyWakingTheWorker(orderId, PaymentRefunded.class).amount()).isEqualTo(eur("30.00"));
        Object chargeId = simulator.successfulChargesFor(orderId).getFirst().get("chargeId");
        assertThat(simulator.refundsOf(chargeId)).hasSize(1);
        assertThat(payments.findByOrderId(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(account(customer).held()).isEqualTo(eur("0.00"));
        assertThat(saga.repliesFor(orderId)).hasSize(1);
    }

    @Test
    void takesNothingWhenADeadWorkerHadNotChargedAnOrderClosedMeanwhile() {
        String customer = customerWithCredit("100.00");
        UUID orderId = UUID.randomUUID();
        worker.stop();
        saga.send(new AuthorizePayment(orderId, customer, eur("30.00")));
        awaitStatus(orderId, PaymentStatus.PENDING);
        claimedByAWorkerThatDies(orderId, Duration.ofSeconds(1));
        saga.send(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        awaitCloseRequested(orderId);

        worker.start();

        assertThat(awaitReplyWakingTheWorker(orderId, PaymentDeclined.class).reason())
                .isEqualTo(DeclineReason.ORDER_CLOSED);
        assertThat(simulator.chargesFor(orderId)).isEmpty();
        assertThat(available(customer)).isEqualTo(eur("100.00"));
        assertThat(account(customer).held()).isEqualTo(eur("0.00"));
    }

    /** Waits for the reply, waking the worker as its scan would, to find a payment whose lease ran out. */
    private <E> E awaitReplyWakingTheWorker(UUID orderId, Class<E> type) {
        return await().atMost(REPLY_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            worker.wakeUp();
            return saga.repliesFor(orderId).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
        }, reply -> reply != null);
    }

    /** What a worker's claim does to the queue; the worker then dies, so nothing else happens until the lease ends. */
    private Instant claimedByAWorkerThatDies(UUID orderId, Duration lease) {
        Instant until = Instant.now().plus(lease);
        int claimed = jdbc.update("UPDATE charge_queue SET due_at = ?, attempts = attempts + 1 WHERE item_id = "
                + "(SELECT id FROM payments WHERE order_id = ? AND status = 'PENDING')", Timestamp.from(until), orderId);
        assertThat(claimed).isEqualTo(1);
        return until;
    }

    private int queued(UUID paymentId) {
        return jdbc.queryForObject("SELECT count(*) FROM charge_queue WHERE item_id = ?", Integer.class, paymentId);
    }

    private void awaitStatus(UUID orderId, PaymentStatus status) {
        await().atMost(REPLY_WITHIN).until(() -> payments.findByOrderId(orderId).map(Payment::status).orElse(null),
                status::equals);
    }

    private void awaitCloseRequested(UUID orderId) {
        await().atMost(REPLY_WITHIN).until(() -> payments.findByOrderId(orderId)
                .map(Payment::isCloseRequested).orElse(false));
    }
}

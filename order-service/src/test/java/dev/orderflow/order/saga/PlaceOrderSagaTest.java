package dev.orderflow.order.saga;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.order.saga.OrderChange.Cancel;
import dev.orderflow.order.saga.OrderChange.Confirm;
import dev.orderflow.order.saga.OrderChange.Reject;
import dev.orderflow.order.saga.SagaDecision.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given a saga's state, when a reply (or the deadline, or a cancel), expect commands and an order change. */
class PlaceOrderSagaTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    private static final String CUSTOMER = "c-1001";
    private static final Money TOTAL = Money.of("59.80", "EUR");
    private static final List<StockLine> LINES = List.of(new StockLine("SKU-001", 2), new StockLine("SKU-002", 1));
    /** What payment screening is told of the order: two lines, three units. */
    private static final AuthorizePayment.Basket BASKET = new AuthorizePayment.Basket(2, 3);
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant SOON = START.plusSeconds(2);
    private static final Instant PAST_DEADLINE = START.plus(TIMEOUT).plusMillis(1);

    private static final StockReserved STOCK_RESERVED = new StockReserved(ORDER, LINES);
    private static final PaymentAuthorized PAYMENT_AUTHORIZED =
            new PaymentAuthorized(ORDER, UUID.fromString("00000000-0000-0000-0000-00000000c001"), TOTAL);

    private static PlaceOrderSaga reservingStock() {
        return PlaceOrderSaga.begin(ORDER, CUSTOMER, TOTAL, LINES, START, TIMEOUT).saga();
    }

    private static PlaceOrderSaga authorizingPayment() {
        return reservingStock().on(STOCK_RESERVED, SOON).saga();
    }

    private static PlaceOrderSaga confirmed() {
        return authorizingPayment().on(PAYMENT_AUTHORIZED, SOON).saga();
    }

    private static PlaceOrderSaga declined() {
        return authorizingPayment().on(new PaymentDeclined(ORDER, DeclineReason.PAYMENT_DECLINED, ""), SOON).saga();
    }

    @Test
    void beginsByReservingTheStockOfEveryLine() {
        SagaDecision decision = PlaceOrderSaga.begin(ORDER, CUSTOMER, TOTAL, LINES, START, TIMEOUT);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReserveStock(ORDER, LINES)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.RESERVING_STOCK);
        assertThat(decision.saga().deadline()).isEqualTo(START.plus(TIMEOUT));
        assertThat(decision.orderChange()).isEmpty();
    }

    @Test
    void asksForPaymentOnceTheStockIsReserved() {
        SagaDecision decision = reservingStock().on(STOCK_RESERVED, SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new AuthorizePayment(ORDER, CUSTOMER, TOTAL, BASKET)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.AUTHORIZING_PAYMENT);
        assertThat(decision.saga().paymentRequested()).isTrue();
        assertThat(decision.saga().deadline()).as("one deadline for the whole saga").isEqualTo(START.plus(TIMEOUT));
        assertThat(decision.orderChange()).isEmpty();
    }

    @Test
    void rejectsOrderWhenStockIsShortWithNothingToCompensate() {
        SagaDecision decision = reservingStock().on(new StockRejected(ORDER,
                List.of(new StockRejected.Shortage("SKU-001", 2, 1))), SOON);

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.orderChange()).contains(new Reject(RejectionReason.OUT_OF_STOCK));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.REJECTED);
        assertThat(decision.saga().deadline()).isNull();
        assertThat(decision.saga().endedAt()).isEqualTo(SOON);
    }

    @Test
    void confirmsOrderAndCommitsStockWhenPaymentIsAuthorized() {
        PlaceOrderSaga before = authorizingPayment();
        SagaDecision decision = before.on(PAYMENT_AUTHORIZED, SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new CommitStock(ORDER)));
        assertThat(decision.orderChange()).contains(new Confirm());
        assertThat(decision.saga().step()).isEqualTo(SagaStep.CONFIRMED);
        assertThat(decision.ends(before)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DeclineReason.class)
    void releasesStockAndRejectsOrderForTheReasonPaymentWasDeclined(DeclineReason reason) {
        SagaDecision decision = authorizingPayment().on(new PaymentDeclined(ORDER, reason, "no"), SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)));
        assertThat(decision.orderChange()).contains(new Reject(reason.orderReason()));
        assertThat(decision.saga().reason()).isEqualTo(reason.orderReason());
        assertThat(decision.saga().refundRequested()).as("nothing was charged").isFalse();
    }

    @Test
    void leavesASagaAloneBeforeItsDeadline() {
        SagaDecision decision = reservingStock().onDeadline(START.plus(TIMEOUT));

        assertThat(decision.kind()).isEqualTo(Kind.IGNORED);
        assertThat(decision.commands()).isEmpty();
    }

    @Test
    void timesOutWhileReservingByReleasingTheStock() {
        SagaDecision decision = reservingStock().onDeadline(PAST_DEADLINE);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)));
        assertThat(decision.orderChange()).contains(new Reject(RejectionReason.TIMED_OUT));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.REJECTED);
        assertThat(decision.saga().paymentRequested()).isFalse();
    }

    @Test
    void timesOutWhileAuthorizingByReleasingTheStockAndRefundingThePayment() {
        SagaDecision decision = authorizingPayment().onDeadline(PAST_DEADLINE);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)),
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.TIMED_OUT)));
        assertThat(decision.orderChange()).contains(new Reject(RejectionReason.TIMED_OUT));
        assertThat(decision.saga().refundRequested()).isTrue();
    }

    @Test
    void neverTimesOutAConfirmedOrder() {
        assertThat(confirmed().deadline()).isNull();
        assertThat(confirmed().onDeadline(PAST_DEADLINE).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void ignoresADuplicateStockReserved() {
        SagaDecision decision = authorizingPayment().on(STOCK_RESERVED, SOON);

        assertThat(decision.kind()).isEqualTo(Kind.IGNORED);
        assertThat(decision.commands()).isEmpty();
    }

    @Test
    void ignoresAStockReservedThatArrivesAfterTheTimeout() {
        PlaceOrderSaga timedOut = reservingStock().onDeadline(PAST_DEADLINE).saga();

        // inventory processes the ReleaseStock sent at the timeout after this reservation: nothing to do here
        assertThat(timedOut.on(STOCK_RESERVED, PAST_DEADLINE).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void ignoresALateAuthorizationWhenTheTimeoutAlreadyAskedForARefund() {
        PlaceOrderSaga timedOut = authorizingPayment().onDeadline(PAST_DEADLINE).saga();

        SagaDecision decision = timedOut.on(PAYMENT_AUTHORIZED, PAST_DEADLINE);

        assertThat(decision.kind()).isEqualTo(Kind.IGNORED);
        assertThat(decision.commands()).isEmpty();
    }

    @Test
    void refundsALateAuthorizationOfAnOrderRejectedWithoutARefund() {
        SagaDecision decision = declined().on(PAYMENT_AUTHORIZED, PAST_DEADLINE);

        assertThat(decision.kind()).isEqualTo(Kind.LATE_REPLY_COMPENSATED);
        assertThat(decision.commands()).containsExactly(
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.PAYMENT_DECLINED)));
        assertThat(decision.orderChange()).as("the order stays rejected").isEmpty();
        assertThat(decision.saga().step()).isEqualTo(SagaStep.REJECTED);
        assertThat(decision.saga().refundRequested()).isTrue();

        assertThat(decision.saga().on(PAYMENT_AUTHORIZED, PAST_DEADLINE).kind())
                .as("refunded once").isEqualTo(Kind.IGNORED);
    }

    @Test
    void refundsAnAuthorizationForAnOrderCancelledBeforePaymentWasAskedFor() {
        PlaceOrderSaga cancelled = reservingStock().onCancel(SOON).saga();

        SagaDecision decision = cancelled.on(PAYMENT_AUTHORIZED, SOON);

        assertThat(decision.commands()).containsExactly(
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.CUSTOMER_CANCELLED)));
    }

    @Test
    void ignoresADuplicateAuthorizationOfAConfirmedOrder() {
        assertThat(confirmed().on(PAYMENT_AUTHORIZED, SOON).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void acknowledgesConfirmationsOfCompensations() {
        assertThat(declined().on(new StockReleased(ORDER, LINES), SOON).kind()).isEqualTo(Kind.ACKNOWLEDGED);
    }

    @Test
    void cancelsAPendingOrderByReleasingItsStock() {
        SagaDecision decision = reservingStock().onCancel(SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)));
        assertThat(decision.orderChange()).contains(new Cancel());
        assertThat(decision.saga().step()).isEqualTo(SagaStep.CANCELLED);
        assertThat(decision.saga().reason()).isEqualTo(RejectionReason.CUSTOMER_CANCELLED);
    }

    @Test
    void cancelsAnOrderAwaitingPaymentByReleasingAndRefunding() {
        SagaDecision decision = authorizingPayment().onCancel(SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)),
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.CUSTOMER_CANCELLED)));
        assertThat(decision.orderChange()).contains(new Cancel());
    }

    @Test
    void cancelsAConfirmedOrderByGivingBackTheSoldStockAndTheMoney() {
        PlaceOrderSaga before = confirmed();
        SagaDecision decision = before.onCancel(PAST_DEADLINE);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)),
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.CUSTOMER_CANCELLED)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.CANCELLED);
        assertThat(decision.ends(before)).as("the saga ended when the order was confirmed").isFalse();
    }

    @Test
    void refusesToCancelAFinishedSaga() {
        assertThatThrownBy(() -> declined().onCancel(PAST_DEADLINE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resumingAStuckReservationSendsReserveStockAgainWithANewDeadline() {
        Instant later = START.plusSeconds(20);

        SagaDecision decision = reservingStock().onResume(later, TIMEOUT, LINES);

        assertThat(decision.kind()).isEqualTo(Kind.ADVANCED);
        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReserveStock(ORDER, LINES)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.RESERVING_STOCK);
        assertThat(decision.saga().deadline()).isEqualTo(later.plus(TIMEOUT));
        assertThat(decision.orderChange()).isEmpty();
    }

    @Test
    void resumingAStuckPaymentAsksForTheSamePaymentAgain() {
        SagaDecision decision = authorizingPayment().onResume(SOON, TIMEOUT, LINES);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new AuthorizePayment(ORDER, CUSTOMER, TOTAL, BASKET)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.AUTHORIZING_PAYMENT);
        assertThat(decision.saga().paymentRequested()).isTrue();
    }

    @Test
    void compensatingAStuckPaymentEndsItAsItsDeadlineWouldBeforeTheDeadline() {
        SagaDecision decision = authorizingPayment().onCompensate(SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)),
                SagaCommand.of(new RefundPayment(ORDER, RejectionReason.TIMED_OUT)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.REJECTED);
        assertThat(decision.saga().reason()).isEqualTo(RejectionReason.TIMED_OUT);
        assertThat(decision.saga().deadline()).isNull();
        assertThat(decision.orderChange()).contains(new Reject(RejectionReason.TIMED_OUT));
    }

    @Test
    void compensatingAStuckReservationOnlyReleasesTheStock() {
        SagaDecision decision = reservingStock().onCompensate(SOON);

        assertThat(decision.commands()).containsExactly(SagaCommand.of(new ReleaseStock(ORDER)));
        assertThat(decision.saga().step()).isEqualTo(SagaStep.REJECTED);
    }

    @Test
    void aFinishedSagaCanBeNeitherResumedNorCompensated() {
        for (PlaceOrderSaga finished : List.of(confirmed(), declined())) {
            assertThatThrownBy(() -> finished.onResume(SOON, TIMEOUT, LINES)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> finished.onCompensate(SOON)).isInstanceOf(IllegalStateException.class);
        }
    }
}

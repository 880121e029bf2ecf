package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.Screening;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Screening SCREENED = new Screening("payment-screening-v1", 0.02, 0.35, Screening.Mode.SHADOW);
    private final UUID orderId = UUID.randomUUID();
    private final Money amount = Money.of("59.80", "EUR");

    @Test
    void aPendingPaymentHasNoAnswerYet() {
        Payment payment = pending();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.outcome()).isEmpty();
        assertThat(payment.commandId()).isEqualTo("msg-1");
    }

    @Test
    void anAuthorizedPaymentAnswersAuthorizedEveryTime() {
        Payment payment = pending();

        PaymentAuthorized authorized = payment.authorized("ch_1", NOW);

        assertThat(authorized).isEqualTo(new PaymentAuthorized(orderId, payment.id(), amount, SCREENED));
        assertThat(payment.outcome()).contains(authorized);
        assertThat(payment.outcome()).isEqualTo(payment.outcome());
        assertThat(payment.chargeId()).isEqualTo("ch_1");
    }

    @Test
    void aDeclinedPaymentAnswersItsReason() {
        Payment payment = Payment.declined(orderId, "c-1", amount, DeclineReason.INSUFFICIENT_CREDIT, "0 left", null, NOW);

        assertThat(payment.outcome()).contains(new PaymentDeclined(orderId, DeclineReason.INSUFFICIENT_CREDIT, "0 left"));
    }

    @Test
    void aPendingPaymentTheGatewayRefusedIsDeclined() {
        Payment payment = pending();

        PaymentDeclined declined = payment.declined(DeclineReason.PAYMENT_DECLINED, "card_declined", NOW);

        assertThat(declined).isEqualTo(new PaymentDeclined(orderId, DeclineReason.PAYMENT_DECLINED, "card_declined",
                SCREENED));
        assertThat(payment.outcome()).contains(declined);
    }

    @Test
    void aRefundedPaymentClosedItsOrder() {
        Payment payment = pending();
        payment.authorized("ch_1", NOW);

        PaymentRefunded refunded = payment.refunded("re_1", NOW);

        assertThat(refunded).isEqualTo(new PaymentRefunded(orderId, payment.id(), amount));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.outcome()).hasValueSatisfying(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(PaymentDeclined.class,
                        declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.ORDER_CLOSED)));
    }

    @Test
    void onlyAChargeIsRefunded() {
        Payment declined = Payment.declined(orderId, "c-1", amount, DeclineReason.PAYMENT_DECLINED, "", null, NOW);
        Payment refunded = pending();
        refunded.authorized("ch_1", NOW);
        refunded.refunded("re_1", NOW);
        Payment uncharged = pending();

        assertThatThrownBy(() -> declined.refunded("re_2", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> refunded.refunded("re_2", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> uncharged.refunded("re_2", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAPendingPaymentOnceIsEnough() {
        Payment payment = pending();

        assertThat(payment.requestClose("TIMED_OUT", NOW)).isTrue();
        assertThat(payment.requestClose("CUSTOMER_CANCELLED", NOW)).isFalse();

        assertThat(payment.isCloseRequested()).isTrue();
        assertThat(payment.closeReason()).isEqualTo("TIMED_OUT");
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aClosedPaymentIsNeverAuthorized() {
        Payment payment = pending();
        payment.requestClose("TIMED_OUT", NOW);

        assertThatThrownBy(() -> payment.authorized("ch_1", NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aChargeMadeAfterTheCloseIsRefunded() {
        Payment payment = pending();
        payment.requestClose("CUSTOMER_CANCELLED", NOW);

        payment.chargedAfterClose("ch_1", NOW);
        PaymentRefunded refunded = payment.refunded("re_1", NOW);

        assertThat(refunded).isEqualTo(new PaymentRefunded(orderId, payment.id(), amount));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.chargeId()).isEqualTo("ch_1");
    }

    @Test
    void onlyAClosedPaymentNotesAChargeForRefund() {
        Payment payment = pending();

        assertThatThrownBy(() -> payment.chargedAfterClose("ch_1", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAPendingPaymentIsClosed() {
        Payment payment = pending();
        payment.authorized("ch_1", NOW);

        assertThatThrownBy(() -> payment.requestClose("TIMED_OUT", NOW)).isInstanceOf(IllegalStateException.class);
    }

    private Payment pending() {
        return Payment.pending(orderId, "c-1", amount, "msg-1", null, SCREENED, NOW);
    }
}

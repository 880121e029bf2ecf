package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final UUID orderId = UUID.randomUUID();
    private final Money amount = Money.of("59.80", "EUR");

    @Test
    void anAuthorizedPaymentAnswersAuthorizedEveryTime() {
        Payment payment = Payment.authorized(orderId, "c-1", amount, "ch_1", NOW);

        assertThat(payment.outcome()).isEqualTo(new PaymentAuthorized(orderId, payment.id(), amount));
        assertThat(payment.outcome()).isEqualTo(payment.outcome());
    }

    @Test
    void aDeclinedPaymentAnswersItsReason() {
        Payment payment = Payment.declined(orderId, "c-1", amount, DeclineReason.INSUFFICIENT_CREDIT, "0 left", NOW);

        assertThat(payment.outcome()).isEqualTo(new PaymentDeclined(orderId, DeclineReason.INSUFFICIENT_CREDIT, "0 left"));
    }

    @Test
    void aRefundedPaymentClosedItsOrder() {
        Payment payment = Payment.authorized(orderId, "c-1", amount, "ch_1", NOW);

        PaymentRefunded refunded = payment.refunded("re_1", NOW);

        assertThat(refunded).isEqualTo(new PaymentRefunded(orderId, payment.id(), amount));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.outcome()).isInstanceOfSatisfying(PaymentDeclined.class,
                declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.ORDER_CLOSED));
    }

    @Test
    void onlyAnAuthorizedPaymentIsRefunded() {
        Payment declined = Payment.declined(orderId, "c-1", amount, DeclineReason.PAYMENT_DECLINED, "", NOW);
        Payment refunded = Payment.authorized(orderId, "c-1", amount, "ch_1", NOW);
        refunded.refunded("re_1", NOW);

        assertThatThrownBy(() -> declined.refunded("re_2", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> refunded.refunded("re_2", NOW)).isInstanceOf(IllegalStateException.class);
    }
}

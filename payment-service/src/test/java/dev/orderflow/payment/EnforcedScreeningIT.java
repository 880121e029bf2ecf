package dev.orderflow.payment;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.Screening;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The screening model deciding ({@code orderflow.payment.screening.mode=enforce}), on real Kafka and PostgreSQL: a new
 * customer's ordinary first order goes through; its card then tried with a burst of small payments, one after the
 * other, is declined by the model, with the model's own reason and its score in the reply; nothing is taken for a
 * declined one.
 */
@TestPropertySource(properties = "orderflow.payment.screening.mode=enforce")
class EnforcedScreeningIT extends PaymentServiceIntegrationTest {

    @Test
    void declinesACardTestingBurstWithItsOwnReasonAndScore() {
        String customer = customerWithCredit("500.00");
        List<PaymentEvent> replies = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            UUID orderId = UUID.randomUUID();
            // An ordinary first order, then the card tried with small amounts.
            saga.send(attempt == 0
                    ? new AuthorizePayment(orderId, customer, eur("25.00"), new AuthorizePayment.Basket(1, 2))
                    : new AuthorizePayment(orderId, customer, eur(attempt % 2 == 0 ? "1.00" : "2.50"),
                            new AuthorizePayment.Basket(1, 1)));
            replies.add(await().atMost(REPLY_WITHIN).until(() -> saga.repliesFor(orderId), r -> !r.isEmpty())
                    .getFirst());
        }

        assertThat(replies.getFirst()).as("an ordinary first order").isInstanceOf(PaymentAuthorized.class);
        assertThat(((PaymentAuthorized) replies.getFirst()).screening()).satisfies(screening -> {
            assertThat(screening.mode()).isEqualTo(Screening.Mode.ENFORCE);
            assertThat(screening.suspected()).isFalse();
        });
        List<PaymentDeclined> declined = replies.stream().filter(PaymentDeclined.class::isInstance)
                .map(PaymentDeclined.class::cast).toList();
        assertThat(declined).as("replies %s", replies).isNotEmpty().allSatisfy(decline -> {
            assertThat(decline.reason()).isEqualTo(DeclineReason.ANOMALY_SUSPECTED);
            assertThat(decline.detail()).contains("payment-screening-v1", "at or above its threshold");
            assertThat(decline.screening().suspected()).isTrue();
            assertThat(decline.screening().mode()).isEqualTo(Screening.Mode.ENFORCE);
        });
        long authorized = replies.stream().filter(PaymentAuthorized.class::isInstance).count();
        // Only what was authorized was taken.
        double charged = replies.stream().filter(PaymentAuthorized.class::isInstance).map(PaymentAuthorized.class::cast)
                .mapToDouble(reply -> reply.amount().amount().doubleValue()).sum();
        assertThat(authorized + declined.size()).isEqualTo(20);
        assertThat(available(customer).amount().doubleValue()).isEqualTo(500.00 - charged);
    }
}

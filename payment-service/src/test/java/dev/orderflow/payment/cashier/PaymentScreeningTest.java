package dev.orderflow.payment.cashier;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.payment.domain.FraudScreen;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.screening.CustomerHistory;
import dev.orderflow.screening.ScreeningModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged model on two customers: one who pays as always, one whose card is being tested (a burst of small
 * payments, most declined). Enforced, the model declines the second with its own reason; in shadow mode it only
 * reports, and the fraud rules decide.
 */
class PaymentScreeningTest {

    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
    private static ScreeningModel model;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FraudScreen noRule = (command, history, now) -> Optional.empty();

    @BeforeAll
    static void load() {
        model = ScreeningModel.packaged(PaymentScreeningTest.class.getClassLoader(), "payment-screening-v1");
    }

    @Test
    void letsAnOrdinaryPaymentThroughAndDeclinesACardTestingBurstWhenEnforced() {
        PaymentScreening screening = new PaymentScreening(model, Screening.Mode.ENFORCE, noRule, meters);

        PaymentScreening.Verdict ordinary = screening.screen(payment("c-1", "42.50", 2, 3), regular(), NOW);
        PaymentScreening.Verdict tested = screening.screen(payment("c-2", "1.50", 1, 1), cardTested(), NOW);

        assertThat(ordinary.modelSuspects()).as("score %s", ordinary.score()).isFalse();
        assertThat(ordinary.decline()).isEmpty();
        assertThat(tested.modelSuspects()).as("score %s", tested.score()).isTrue();
        assertThat(tested.score()).isGreaterThan(ordinary.score()).isGreaterThanOrEqualTo(tested.threshold());
        assertThat(tested.decline()).hasValueSatisfying(decline -> {
            assertThat(decline.reason()).isEqualTo(DeclineReason.ANOMALY_SUSPECTED);
            assertThat(decline.detail()).contains("payment-screening-v1", "at or above its threshold");
        });
        assertThat(tested.model()).isEqualTo("payment-screening-v1");
        assertThat(meters.get("orderflow.payment.screening.scoring").timer().count()).isEqualTo(2);
        assertThat(meters.get("orderflow.payment.screening.suspected").tag("by", "model").tag("decided", "true")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void inShadowModeScoresAndReportsButTheRulesDecide() {
        PaymentScreening watching = new PaymentScreening(model, Screening.Mode.SHADOW, noRule, meters);
        PaymentScreening ruling = new PaymentScreening(model, Screening.Mode.SHADOW,
                (command, history, now) -> Optional.of("amount above the ceiling"), meters);

        PaymentScreening.Verdict tested = watching.screen(payment("c-2", "1.50", 1, 1), cardTested(), NOW);
        PaymentScreening.Verdict ordinary = ruling.screen(payment("c-1", "42.50", 2, 3), regular(), NOW);

        assertThat(tested.modelSuspects()).isTrue();
        assertThat(tested.mode()).isEqualTo(Screening.Mode.SHADOW);
        assertThat(tested.decline()).as("the model only watches").isEmpty();
        assertThat(ordinary.decline()).hasValue(new PaymentScreening.Decline(DeclineReason.FRAUD_SUSPECTED,
                "amount above the ceiling"));
        assertThat(meters.get("orderflow.payment.screening.suspected").tag("by", "model").tag("decided", "false")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("orderflow.payment.screening.suspected").tag("by", "rule").tag("decided", "true")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void screensACommandWithoutItsBasketAsOneLineOfOneUnit() {
        PaymentScreening screening = new PaymentScreening(model, Screening.Mode.ENFORCE, noRule, meters);

        PaymentScreening.Verdict without = screening.screen(new AuthorizePayment(UUID.randomUUID(), "c-1",
                Money.of("42.50", "EUR")), regular(), NOW);
        PaymentScreening.Verdict oneOfOne = screening.screen(payment("c-1", "42.50", 1, 1), regular(), NOW);

        assertThat(without.score()).isEqualTo(oneOfOne.score());
    }

    /** A customer of a year who pays about 40 EUR every few days, all authorized. */
    private static CustomerHistory regular() {
        CustomerHistory history = new CustomerHistory(NOW.minus(Duration.ofDays(400)));
        for (int day = 90; day > 0; day -= 3) {
            history.attempted(NOW.minus(Duration.ofDays(day)).minus(Duration.ofHours(day % 5)), 30 + day % 25, true);
        }
        return history;
    }

    /** A customer of a few months whose card is being tried: a dozen small payments in four minutes, most declined. */
    private static CustomerHistory cardTested() {
        CustomerHistory history = new CustomerHistory(NOW.minus(Duration.ofDays(120)));
        history.attempted(NOW.minus(Duration.ofDays(20)), 35, true);
        history.attempted(NOW.minus(Duration.ofDays(9)), 28, true);
        for (int i = 12; i > 0; i--) {
            history.attempted(NOW.minusSeconds(20L * i), 1 + i % 3, i % 4 == 0);
        }
        return history;
    }

    private static AuthorizePayment payment(String customer, String amount, int lines, int units) {
        return new AuthorizePayment(UUID.randomUUID(), customer, Money.of(amount, "EUR"),
                new AuthorizePayment.Basket(lines, units));
    }
}

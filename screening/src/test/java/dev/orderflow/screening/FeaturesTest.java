package dev.orderflow.screening;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeaturesTest {

    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void countsTheAttemptsOfEachWindowBeforeThePayment() {
        CustomerHistory history = new CustomerHistory(OPENED);
        history.attempted(NOW.minus(Duration.ofHours(30)), 50, true); // older than a day: in no window
        history.attempted(NOW.minus(Duration.ofHours(5)), 50, true);
        history.attempted(NOW.minus(Duration.ofMinutes(30)), 50, true);
        history.attempted(NOW.minus(Duration.ofMinutes(5)), 50, false);
        history.attempted(NOW.minus(Duration.ofSeconds(20)), 50, false);

        double[] features = features(history, 50);

        assertThat(feature(features, "attempts_last_minute")).isEqualTo(1);
        assertThat(feature(features, "attempts_last_10_minutes")).isEqualTo(2);
        assertThat(feature(features, "attempts_last_hour")).isEqualTo(3);
        assertThat(feature(features, "attempts_last_day")).isEqualTo(4);
        assertThat(feature(features, "declines_so_far")).isEqualTo(2);
        assertThat(feature(features, "decline_share")).isEqualTo(0.4);
        assertThat(feature(features, "payments_so_far_log")).isCloseTo(Math.log1p(5), within(1e-9));
        assertThat(feature(features, "first_payment")).isZero();
        assertThat(feature(features, "hours_since_last_attempt_log")).isCloseTo(Math.log1p(20 / 3600.0), within(1e-9));
    }

    @Test
    void judgesTheAmountAgainstTheCustomersOwnAuthorizedPayments() {
        CustomerHistory history = new CustomerHistory(OPENED);
        history.attempted(NOW.minus(Duration.ofDays(3)), 40, true);
        history.attempted(NOW.minus(Duration.ofDays(2)), 60, true);
        history.attempted(NOW.minus(Duration.ofDays(1)), 900, false); // declined: not part of what it spends
        history.refunded();

        double[] features = features(history, 500);

        assertThat(feature(features, "amount_log")).isCloseTo(Math.log1p(500), within(1e-9));
        assertThat(feature(features, "amount_to_mean_log")).isCloseTo(Math.log(500 / 50.0), within(1e-9));
        assertThat(feature(features, "amount_to_largest_log")).isCloseTo(Math.log(500 / 60.0), within(1e-9));
        assertThat(feature(features, "refunds_so_far")).isEqualTo(1);
        assertThat(feature(features, "account_age_days_log")).isCloseTo(Math.log1p(60.5), within(1e-9));
    }

    @Test
    void anAttemptWhoseOutcomeComesLaterCountsAtOnceAndItsOutcomeWhenKnown() {
        CustomerHistory history = new CustomerHistory(OPENED);
        history.attempted(NOW.minus(Duration.ofMinutes(2)), 40, true);
        history.attempted(NOW.minusSeconds(5)); // at the gateway still

        double[] pending = features(history, 80);
        assertThat(feature(pending, "attempts_last_minute")).isEqualTo(1);
        assertThat(feature(pending, "amount_to_mean_log")).isCloseTo(Math.log(80 / 40.0), within(1e-9));

        history.authorized(120);
        assertThat(feature(features(history, 80), "amount_to_mean_log")).isCloseTo(Math.log(80 / 80.0), within(1e-9));
        assertThat(feature(features(history, 80), "amount_to_largest_log")).isCloseTo(Math.log(80 / 120.0),
                within(1e-9));
        history.attempted(NOW.minusSeconds(1));
        history.declined();
        assertThat(feature(features(history, 80), "decline_share")).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void keepsAtMostTheMostRecentAttemptsHoweverFastACustomerPays() {
        CustomerHistory history = new CustomerHistory(OPENED);
        for (int i = 500; i > 0; i--) {
            history.attempted(NOW.minusMillis(100L * i), 5, true);
        }

        assertThat(history.state().lastDay()).hasSize(CustomerHistory.MOST_RECENT_KEPT);
        assertThat(feature(features(history, 5), "attempts_last_minute")).isEqualTo(CustomerHistory.MOST_RECENT_KEPT);
        assertThat(feature(features(history, 5), "payments_so_far_log")).isCloseTo(Math.log1p(500), within(1e-9));
        assertThat(history.state().lastDay().getFirst()).isEqualTo(NOW.minusMillis(100L * 100));
    }

    @Test
    void aHistoryKeptAsItsStateAndRestoredGivesTheSameFeatures() {
        CustomerHistory history = new CustomerHistory(OPENED);
        history.attempted(NOW.minus(Duration.ofHours(30)), 70, true);
        history.attempted(NOW.minus(Duration.ofHours(2)), 50, false);
        history.attempted(NOW.minus(Duration.ofMinutes(3)), 20, true);
        history.refunded();
        history.attempted(NOW.minusSeconds(30));

        CustomerHistory restored = CustomerHistory.of(history.state());

        assertThat(restored.state()).isEqualTo(history.state());
        assertThat(features(restored, 45)).containsExactly(features(history, 45));
        restored.attempted(NOW.minusSeconds(10), 45, true);
        history.attempted(NOW.minusSeconds(10), 45, true);
        assertThat(features(restored, 45)).containsExactly(features(history, 45));
    }

    @Test
    void describesAFirstPaymentAndTheHourOnACircle() {
        double[] features = features(new CustomerHistory(OPENED), 25);

        assertThat(features).hasSize(Features.NAMES.size());
        assertThat(feature(features, "first_payment")).isEqualTo(1);
        assertThat(feature(features, "amount_to_mean_log")).isZero();
        assertThat(feature(features, "attempts_last_day")).isZero();
        assertThat(feature(features, "hour_of_day_sin")).isCloseTo(0, within(1e-9)); // 12:00 UTC
        assertThat(feature(features, "hour_of_day_cos")).isCloseTo(-1, within(1e-9));
        assertThat(feature(features, "basket_lines")).isEqualTo(2);
        assertThat(feature(features, "basket_units")).isEqualTo(3);
    }

    @Test
    void theFixedRuleSuspectsAnAmountAboveItsCeilingAndTooManyAttemptsInAMinute() {
        CustomerHistory history = new CustomerHistory(OPENED);
        FixedRule rule = new FixedRule(3000, 3);

        assertThat(rule.suspects(history, new PaymentAttempt("c-1", NOW, 3000.01, 1, 1))).isTrue();
        assertThat(rule.suspects(history, new PaymentAttempt("c-1", NOW, 3000.00, 1, 1))).isFalse();
        for (int i = 3; i > 0; i--) {
            history.attempted(NOW.minusSeconds(i * 10), 5, true);
        }
        assertThat(rule.suspects(history, new PaymentAttempt("c-1", NOW, 5, 1, 1))).isTrue();
        assertThat(rule.suspects(history, new PaymentAttempt("c-1", NOW.plusSeconds(45), 5, 1, 1))).isFalse();
    }

    private static double[] features(CustomerHistory history, double amount) {
        return Features.of(history, new PaymentAttempt("c-1", NOW, amount, 2, 3));
    }

    private static double feature(double[] features, String name) {
        return features[Features.NAMES.indexOf(name)];
    }
}

package dev.orderflow.screening;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The features of a payment: the attempt against its customer's history before it. One list, one order, one version:
 * the training command and the service compute them with this class alone, so the two cannot drift apart, and a model
 * trained on another list is refused where it is loaded ({@link ScreeningModel}).
 *
 * <p>Amounts and counts that spread over orders of magnitude enter as logarithms; the hour of day (UTC) as a point on
 * a circle, so 23:00 and 01:00 are neighbours.
 */
public final class Features {

    /** The version of the list below: a model names the one it was trained on. */
    public static final String VERSION = "payment-features-v1";

    /** The features, in the order {@link #of} returns them. */
    public static final List<String> NAMES = List.of(
            "attempts_last_minute",
            "attempts_last_10_minutes",
            "attempts_last_hour",
            "attempts_last_day",
            "amount_log",
            "amount_to_mean_log",
            "amount_to_largest_log",
            "basket_lines",
            "basket_units",
            "account_age_days_log",
            "payments_so_far_log",
            "declines_so_far",
            "decline_share",
            "refunds_so_far",
            "hours_since_last_attempt_log",
            "hour_of_day_sin",
            "hour_of_day_cos",
            "first_payment");

    private Features() {
    }

    /** The features of {@code attempt}, judged by {@code history} as it was before it. */
    public static double[] of(CustomerHistory history, PaymentAttempt attempt) {
        double mean = history.meanAmount();
        double largest = history.largestAmount();
        double accountAgeDays = Math.max(0, Duration.between(history.accountOpenedAt(), attempt.at()).toMinutes()
                / (60.0 * 24));
        double hoursSinceLast = history.lastAttemptAt() == null ? accountAgeDays * 24
                : Math.max(0, Duration.between(history.lastAttemptAt(), attempt.at()).toSeconds() / 3600.0);
        int secondOfDay = attempt.at().atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
        double angle = 2 * Math.PI * secondOfDay / 86_400.0;
        return new double[] {
                history.attemptsWithin(attempt.at(), Duration.ofMinutes(1)),
                history.attemptsWithin(attempt.at(), Duration.ofMinutes(10)),
                history.attemptsWithin(attempt.at(), Duration.ofHours(1)),
                history.attemptsWithin(attempt.at(), Duration.ofHours(24)),
                Math.log1p(attempt.amount()),
                mean == 0 ? 0 : Math.log(attempt.amount() / mean),
                largest == 0 ? 0 : Math.log(attempt.amount() / largest),
                attempt.basketLines(),
                attempt.basketUnits(),
                Math.log1p(accountAgeDays),
                Math.log1p(history.attempts()),
                history.declines(),
                history.attempts() == 0 ? 0 : (double) history.declines() / history.attempts(),
                history.refunds(),
                Math.log1p(hoursSinceLast),
                Math.sin(angle),
                Math.cos(angle),
                history.attempts() == 0 ? 1 : 0};
    }
}

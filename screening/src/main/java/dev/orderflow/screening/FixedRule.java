package dev.orderflow.screening;

import java.time.Duration;

/**
 * payment-service's fixed rule, as it screens today (its {@code FraudRules}, settings
 * {@code orderflow.payment.fraud.*}), for measuring a model against it on the same payments: a single payment above a
 * ceiling, or a customer's attempt when it already made so many within the last minute, is suspected.
 *
 * @param maxAmount            the single-payment ceiling (EUR)
 * @param maxAttemptsPerMinute attempts within a minute before one is suspected
 */
public record FixedRule(double maxAmount, int maxAttemptsPerMinute) {

    /** payment-service's defaults. */
    public static final FixedRule AS_CONFIGURED = new FixedRule(3000.00, 30);

    public boolean suspects(CustomerHistory history, PaymentAttempt attempt) {
        return attempt.amount() > maxAmount
                || history.attemptsWithin(attempt.at(), Duration.ofMinutes(1)) >= maxAttemptsPerMinute;
    }
}

package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A small rule set: a single payment above a ceiling, or a customer paying for more than so many orders within a
 * minute (a stolen account being emptied), is suspected.
 */
public class FraudRules implements FraudScreen {

    private static final Duration VELOCITY_WINDOW = Duration.ofMinutes(1);

    private final Money maxAmount;
    private final int maxPaymentsPerMinute;
    private final PaymentHistory history;
    private final Clock clock;

    public FraudRules(Money maxAmount, int maxPaymentsPerMinute, PaymentHistory history, Clock clock) {
        this.maxAmount = Objects.requireNonNull(maxAmount, "maxAmount");
        if (maxPaymentsPerMinute < 1) {
            throw new IllegalArgumentException("maxPaymentsPerMinute must be at least 1");
        }
        this.maxPaymentsPerMinute = maxPaymentsPerMinute;
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> suspicion(AuthorizePayment payment) {
        if (payment.amount().currency().equals(maxAmount.currency()) && payment.amount().compareTo(maxAmount) > 0) {
            return Optional.of("amount " + payment.amount() + " is above the single-payment ceiling of " + maxAmount);
        }
        long recent = history.paymentsSince(payment.customerId(), clock.instant().minus(VELOCITY_WINDOW));
        if (recent >= maxPaymentsPerMinute) {
            return Optional.of("customer " + payment.customerId() + " asked for " + recent
                    + " payments within the last minute; at most " + maxPaymentsPerMinute + " are expected");
        }
        return Optional.empty();
    }
}

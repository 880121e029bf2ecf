package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.screening.CustomerHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A small rule set: a single payment above a ceiling, or a customer paying for more than so many orders within a
 * minute (a stolen account being emptied), is suspected.
 *
 * <p>The payments within the minute are counted from the customer's history, which the cashier has read already (no
 * statement of its own). The history keeps the last {@value CustomerHistory#MOST_RECENT_KEPT} attempts: only a limit
 * above that, with the history full of the last minute's attempts, asks the payments table for the exact count.
 */
public class FraudRules implements FraudScreen {

    private static final Duration VELOCITY_WINDOW = Duration.ofMinutes(1);

    private final Money maxAmount;
    private final int maxPaymentsPerMinute;
    private final PaymentHistory payments;

    public FraudRules(Money maxAmount, int maxPaymentsPerMinute, PaymentHistory payments) {
        this.maxAmount = Objects.requireNonNull(maxAmount, "maxAmount");
        if (maxPaymentsPerMinute < 1) {
            throw new IllegalArgumentException("maxPaymentsPerMinute must be at least 1");
        }
        this.maxPaymentsPerMinute = maxPaymentsPerMinute;
        this.payments = Objects.requireNonNull(payments, "payments");
    }

    @Override
    public Optional<String> suspicion(AuthorizePayment payment, CustomerHistory history, Instant now) {
        if (payment.amount().currency().equals(maxAmount.currency()) && payment.amount().compareTo(maxAmount) > 0) {
            return Optional.of("amount " + payment.amount() + " is above the single-payment ceiling of " + maxAmount);
        }
        long recent = history.attemptsWithin(now, VELOCITY_WINDOW);
        if (recent >= CustomerHistory.MOST_RECENT_KEPT && recent < maxPaymentsPerMinute) {
            recent = payments.paymentsSince(payment.customerId(), now.minus(VELOCITY_WINDOW));
        }
        if (recent >= maxPaymentsPerMinute) {
            return Optional.of("customer " + payment.customerId() + " asked for " + recent
                    + " payments within the last minute; at most " + maxPaymentsPerMinute + " are expected");
        }
        return Optional.empty();
    }
}

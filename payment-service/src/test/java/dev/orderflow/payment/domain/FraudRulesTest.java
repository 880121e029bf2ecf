package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.screening.CustomerHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FraudRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final AtomicReference<Instant> askedSince = new AtomicReference<>();
    private final PaymentHistory payments = (customerId, since) -> {
        askedSince.set(since);
        return 250;
    };
    private final FraudRules rules = new FraudRules(Money.of("1000.00", "EUR"), 3, payments);

    @Test
    void letsAnOrdinaryPaymentThrough() {
        assertThat(rules.suspicion(payment("999.99"), attempts(2, 1), NOW)).isEmpty();
    }

    @Test
    void letsAPaymentOfExactlyTheCeilingThrough() {
        assertThat(rules.suspicion(payment("1000.00"), attempts(0, 1), NOW)).isEmpty();
    }

    @Test
    void suspectsAPaymentAboveTheCeiling() {
        assertThat(rules.suspicion(payment("1000.01"), attempts(0, 1), NOW)).hasValueSatisfying(
                why -> assertThat(why).contains("ceiling"));
    }

    @Test
    void suspectsACustomerPayingTooOftenWithinAMinuteFromItsHistoryAlone() {
        assertThat(rules.suspicion(payment("10.00"), attempts(3, 15), NOW)).hasValueSatisfying(
                why -> assertThat(why).contains("asked for 3 payments within the last minute"));
        assertThat(askedSince.get()).as("the history answered, not the payments table").isNull();
    }

    @Test
    void countsOnlyTheLastMinutesAttempts() {
        // Three attempts 30 s apart: only the last within the minute before NOW.
        assertThat(rules.suspicion(payment("10.00"), attempts(3, 30), NOW)).isEmpty();
    }

    @Test
    void asksThePaymentsTableOnlyWhenTheLimitIsBeyondWhatTheHistoryKeeps() {
        FraudRules generous = new FraudRules(Money.of("1000.00", "EUR"), 200, payments);
        CustomerHistory full = attempts(CustomerHistory.MOST_RECENT_KEPT + 20, 0);

        assertThat(generous.suspicion(payment("10.00"), attempts(99, 0), NOW)).isEmpty();
        assertThat(askedSince.get()).isNull();
        assertThat(generous.suspicion(payment("10.00"), full, NOW)).hasValueSatisfying(
                why -> assertThat(why).contains("asked for 250 payments"));
        assertThat(askedSince.get()).isEqualTo(NOW.minusSeconds(60));
        assertThat(rules.suspicion(payment("10.00"), full, NOW)).as("a limit the history covers")
                .hasValueSatisfying(why -> assertThat(why).contains("asked for 100 payments"));
    }

    /** A history with {@code count} attempts, the last one {@code apartSeconds} before NOW and each as far apart. */
    private static CustomerHistory attempts(int count, int apartSeconds) {
        CustomerHistory history = new CustomerHistory(NOW.minusSeconds(86_400));
        for (int i = count; i >= 1; i--) {
            history.attempted(NOW.minusSeconds((long) i * apartSeconds).minusMillis(1));
        }
        return history;
    }

    private static AuthorizePayment payment(String amount) {
        return new AuthorizePayment(UUID.randomUUID(), "c-1", Money.of(amount, "EUR"));
    }
}

package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FraudRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private long earlierPayments;
    private final AtomicReference<Instant> askedSince = new AtomicReference<>();
    private final PaymentHistory history = (customerId, since) -> {
        askedSince.set(since);
        return earlierPayments;
    };
    private final FraudRules rules = new FraudRules(Money.of("1000.00", "EUR"), 3, history,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void letsAnOrdinaryPaymentThrough() {
        earlierPayments = 2;

        assertThat(rules.suspicion(payment("999.99"))).isEmpty();
    }

    @Test
    void letsAPaymentOfExactlyTheCeilingThrough() {
        assertThat(rules.suspicion(payment("1000.00"))).isEmpty();
    }

    @Test
    void suspectsAPaymentAboveTheCeiling() {
        assertThat(rules.suspicion(payment("1000.01"))).hasValueSatisfying(
                why -> assertThat(why).contains("ceiling"));
    }

    @Test
    void suspectsACustomerPayingTooOftenWithinAMinute() {
        earlierPayments = 3;

        assertThat(rules.suspicion(payment("10.00"))).hasValueSatisfying(
                why -> assertThat(why).contains("within the last minute"));
        assertThat(askedSince.get()).isEqualTo(NOW.minusSeconds(60));
    }

    private static AuthorizePayment payment(String amount) {
        return new AuthorizePayment(UUID.randomUUID(), "c-1", Money.of(amount, "EUR"));
    }
}

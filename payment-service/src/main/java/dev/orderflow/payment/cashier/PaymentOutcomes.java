package dev.orderflow.payment.cashier;

import dev.orderflow.events.payment.DeclineReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts payments by outcome: {@code orderflow.payment.outcomes{outcome, reason}}. */
@Component
class PaymentOutcomes {

    private static final String NAME = "orderflow.payment.outcomes";

    private final MeterRegistry registry;

    PaymentOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    void authorized() {
        count("authorized", "none");
    }

    void declined(DeclineReason reason) {
        count("declined", reason.name());
    }

    void refunded() {
        count("refunded", "none");
    }

    private void count(String outcome, String reason) {
        Counter.builder(NAME).description("Payments by outcome")
                .tag("outcome", outcome).tag("reason", reason)
                .register(registry).increment();
    }
}

package dev.orderflow.screening;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment to be screened: who pays, when, how much (EUR) and for what basket.
 *
 * @param basketLines the order's lines (distinct products)
 * @param basketUnits the units over all lines
 */
public record PaymentAttempt(String customerId, Instant at, double amount, int basketLines, int basketUnits) {

    public PaymentAttempt {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(at, "at");
        if (!(amount > 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be positive, not " + amount);
        }
        if (basketLines < 1 || basketUnits < basketLines) {
            throw new IllegalArgumentException("a basket has at least one line and a unit per line, not "
                    + basketLines + " lines of " + basketUnits + " units");
        }
    }
}

package dev.orderflow.notification.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a notification waits before its next delivery attempt: exponential in the attempts made so far,
 * capped, and spread by a random jitter so that after an outage the backlog does not hit the provider in step.
 *
 * @param initial    the wait after the first failed attempt
 * @param max        the longest wait, jitter included
 * @param multiplier growth per further attempt (at least 1)
 * @param jitter     the fraction (0..1) by which a wait is randomly shortened or lengthened
 */
public record RedeliveryBackoff(Duration initial, Duration max, double multiplier, double jitter) {

    public RedeliveryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be within 0..1: " + jitter);
        }
    }

    /** The wait before the next attempt, after {@code attempts} attempts (at least one) have failed. */
    public Duration after(int attempts, RandomGenerator random) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive: " + attempts);
        }
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, attempts - 1));
        double spread = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
        long millis = Math.round(Math.min(max.toMillis(), base * spread));
        return Duration.ofMillis(Math.max(1, millis));
    }
}

package dev.orderflow.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedeliveryBackoffTest {

    private static final RandomGenerator MIDDLE = fixed(0.5);

    @Test
    void waitGrowsExponentiallyWithTheAttempts() {
        var backoff = new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.0);

        assertThat(backoff.after(1, MIDDLE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2, MIDDLE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(4, MIDDLE)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void waitNeverExceedsTheMaximumEvenAfterManyAttempts() {
        var backoff = new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.5);

        assertThat(backoff.after(10_000, fixed(0.999))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsWaitsWithinItsFraction() {
        var backoff = new RedeliveryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 2.0, 0.3);

        assertThat(backoff.after(1, fixed(0.0))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.after(1, fixed(1.0))).isEqualTo(Duration.ofSeconds(13));
        var random = new SplittableRandom(42);
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.after(1, random)).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(13));
        }
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RedeliveryBackoff(Duration.ZERO, Duration.ofSeconds(1), 2.0, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RedeliveryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2.0, 1.5));
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}

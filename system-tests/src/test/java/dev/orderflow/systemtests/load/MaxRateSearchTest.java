package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxRateSearchTest {

    /** A system that keeps up at any rate up to its capacity; remembers what it was asked. */
    private static final class System implements MaxRateSearch.Trial {
        private final int capacity;
        private final List<Integer> asked = new ArrayList<>();

        System(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean holds(int rate) {
            asked.add(rate);
            return rate <= capacity;
        }
    }

    @Test
    void bisectsBetweenTheHighestFixedRateThatHeldAndTheLowestThatFailed() throws InterruptedException {
        System system = new System(137);

        MaxRateSearch.Outcome outcome = new MaxRateSearch(50, 800, 0.1, 8)
                .search(Map.of(50, true, 100, true, 200, false, 400, false), system);

        assertThat(outcome.highestHeld()).isBetween(125, 137);
        assertThat(outcome.lowestFailed() - outcome.highestHeld()).isLessThanOrEqualTo(13);
        assertThat(outcome.tried()).startsWith(150).doesNotContain(50, 100, 200, 400);
        assertThat(system.asked).isEqualTo(outcome.tried());
    }

    @Test
    void doublesFromTheHighestRateThatHeldWhenNoneFailedYet() throws InterruptedException {
        System system = new System(1000);

        MaxRateSearch.Outcome outcome = new MaxRateSearch(50, 5000, 0.1, 10)
                .search(Map.of(50, true, 100, true), system);

        assertThat(outcome.tried()).startsWith(200, 400, 800, 1600);
        assertThat(outcome.highestHeld()).isBetween(910, 1000);
        assertThat(outcome.lowestFailed()).isGreaterThan(1000);
    }

    @Test
    void searchesBelowTheFixedRatesWhenNoneHeld() throws InterruptedException {
        System system = new System(16);

        MaxRateSearch.Outcome outcome = new MaxRateSearch(50, 800, 0.1, 8)
                .search(Map.of(50, false, 100, false, 200, false, 400, false), system);

        assertThat(outcome.tried()).startsWith(25, 12);
        assertThat(outcome.highestHeld()).isEqualTo(16);
        assertThat(outcome.lowestFailed()).isEqualTo(17);
    }

    @Test
    void answersNoneWhenNotEvenOneOrderPerSecondKeepsUp() throws InterruptedException {
        MaxRateSearch.Outcome outcome = new MaxRateSearch(1, 100, 0.1, 20).search(Map.of(), new System(0));

        assertThat(outcome.highestHeld()).isZero();
        assertThat(outcome.lowestFailed()).isEqualTo(1);
        assertThat(outcome.tried()).containsExactly(1);
    }

    @Test
    void stopsAtTheLimitWhenEverythingHolds() throws InterruptedException {
        MaxRateSearch.Outcome outcome = new MaxRateSearch(50, 300, 0.1, 8)
                .search(Map.of(50, true), new System(Integer.MAX_VALUE));

        assertThat(outcome.tried()).containsExactly(100, 200, 300);
        assertThat(outcome.highestHeld()).isEqualTo(300);
        assertThat(outcome.lowestFailed()).isZero();
    }

    @Test
    void neverRunsMoreStepsThanAllowed() throws InterruptedException {
        System system = new System(777);

        MaxRateSearch.Outcome outcome = new MaxRateSearch(1, 100_000, 0.001, 5).search(Map.of(), system);

        assertThat(outcome.tried()).hasSize(5);
        assertThat(outcome.highestHeld()).isLessThanOrEqualTo(777);
    }

    @Test
    void trustsAFailureBelowARateThatHeld() throws InterruptedException {
        // a noisy machine: 100 failed, 200 held
        MaxRateSearch.Outcome outcome = new MaxRateSearch(50, 800, 0.1, 8)
                .search(Map.of(50, true, 100, false, 200, true), new System(80));

        assertThat(outcome.tried()).allSatisfy(rate -> assertThat(rate).isBetween(51, 99));
        assertThat(outcome.highestHeld()).isBetween(73, 80);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new MaxRateSearch(0, 100, 0.1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaxRateSearch(50, 10, 0.1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaxRateSearch(1, 10, 0, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.orderflow.simulator.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest {

    @Test
    void failsWhenTheDiceFallBelowTheFailureRate() {
        FaultPlan plan = new FaultPlan(() -> 0.29);
        plan.set(Party.PSP, new FaultSettings(0L, 0.3, 0.0, false));

        assertThat(plan.failsNow(Party.PSP)).isTrue();
        assertThat(plan.failsNow(Party.PROVIDER)).isFalse();
    }

    @Test
    void doesNotFailWhenTheDiceFallAtOrAboveTheFailureRate() {
        FaultPlan plan = new FaultPlan(() -> 0.3);
        plan.set(Party.PSP, new FaultSettings(0L, 0.3, 0.3, false));

        assertThat(plan.failsNow(Party.PSP)).isFalse();
        assertThat(plan.declinesNow(Party.PSP)).isFalse();
    }

    @Test
    void neverFailsOrDeclinesAtRateZeroWhateverTheDice() {
        FaultPlan plan = new FaultPlan(() -> 0.0);

        assertThat(plan.failsNow(Party.PSP)).isFalse();
        assertThat(plan.declinesNow(Party.PSP)).isFalse();
    }

    @Test
    void alwaysFailsDuringAnOutage() {
        FaultPlan plan = new FaultPlan(() -> 0.99);
        plan.set(Party.PROVIDER, new FaultSettings(0L, 0.0, 0.0, true));

        assertThat(plan.failsNow(Party.PROVIDER)).isTrue();
    }
}

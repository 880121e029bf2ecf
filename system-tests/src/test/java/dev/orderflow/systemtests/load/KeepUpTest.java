package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeepUpTest {

    private final KeepUp keepUp = new KeepUp(0.95, 2000);

    @Test
    void aStepThatTurnsOrdersOutAtTheOfferedRateQuicklyKeptUp() {
        KeepUp.Verdict verdict = keepUp.of(TestSteps.confirmedStep(100, 99.0, 80, 400));

        assertThat(verdict.held()).isTrue();
        assertThat(verdict.cell()).isEqualTo("yes");
    }

    @Test
    void aStepWhoseOutputFallsBelowTheShareDidNotKeepUp() {
        KeepUp.Verdict verdict = keepUp.of(TestSteps.confirmedStep(100, 94.0, 80, 400));

        assertThat(verdict.held()).isFalse();
        assertThat(verdict.why()).isEqualTo("output 94.0/s < 95% of 100/s");
    }

    @Test
    void aStepWhoseTerminalP99ExceedsTheBoundDidNotKeepUp() {
        KeepUp.Verdict verdict = keepUp.of(TestSteps.confirmedStep(100, 100.0, 800, 2500));

        assertThat(verdict.held()).isFalse();
        assertThat(verdict.why()).startsWith("terminal p99 2,5").endsWith("ms > 2,000 ms");
    }

    @Test
    void timedOutOrdersAndFailedPostsAreNamedEachWithItsCount() {
        KeepUp.Verdict verdict = keepUp.of(TestSteps.step(10, 10.0, 50, 300,
                Map.of("CONFIRMED", 290, KeepUp.TIMED_OUT, 10), Map.of("HTTP 503", 3, "HttpTimeoutException", 2)));

        assertThat(verdict.held()).isFalse();
        assertThat(verdict.cell()).isEqualTo("no: 5 failed POSTs, 10 TIMED_OUT");
    }

    @Test
    void otherRejectionsDoNotCountAgainstKeepingUp() {
        KeepUp.Verdict verdict = keepUp.of(TestSteps.step(10, 10.0, 50, 300,
                Map.of("CONFIRMED", 290, "REJECTED/OUT_OF_STOCK", 10), Map.of()));

        assertThat(verdict.held()).isTrue();
    }
}

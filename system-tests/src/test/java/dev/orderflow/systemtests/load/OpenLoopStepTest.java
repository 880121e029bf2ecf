package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopStepTest {

    private static final long MS = 1_000_000L;
    private static final long START = 1_000_000 * MS;

    @Test
    void aSystemThatKeepsUpTurnsOutTheOfferedRateHoweverMuchItsLatenciesVary() {
        // 200 orders at 10/s, each taking 0.5 to 3 s: first to last terminal event spans up to 22.5 s for 20 s of sending
        long[] latencies = {500, 3000, 1200, 2500, 800};
        List<Long> seen = new ArrayList<>();
        Latencies postToTerminal = new Latencies();
        for (int i = 0; i < 200; i++) {
            long latency = latencies[i % latencies.length] * MS;
            seen.add(START + i * 100 * MS + latency);
            postToTerminal.recordNanos(latency);
        }

        double output = OpenLoopStep.outputRate(seen, START, 20_000 * MS, postToTerminal);

        assertThat(output).isBetween(9.5, 10.5);
    }

    @Test
    void aSystemThatServesFiveOrdersASecondTurnsOutFiveWhateverIsOffered() {
        // 200 orders offered at 10/s to a single server taking 200 ms each: a queue that grows for the whole step
        List<Long> seen = new ArrayList<>();
        Latencies postToTerminal = new Latencies();
        long free = START;
        for (int i = 0; i < 200; i++) {
            long sent = START + i * 100 * MS;
            free = Math.max(free, sent) + 200 * MS;
            seen.add(free);
            postToTerminal.recordNanos(free - sent);
        }

        double output = OpenLoopStep.outputRate(seen, START, 20_000 * MS, postToTerminal);

        assertThat(output).isBetween(4.5, 5.5);
    }

    @Test
    void aStepWithoutTerminalEventsTurnedOutNothing() {
        assertThat(OpenLoopStep.outputRate(List.of(), START, 20_000 * MS, new Latencies())).isZero();
    }
}

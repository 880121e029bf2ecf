package dev.orderflow.systemtests.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Step results made up for the unit tests of the verdict, the report and the plot. */
final class TestSteps {

    private TestSteps() {
    }

    /**
     * A 30 s step at the offered rate whose orders all finished with the given outcomes; its terminal latencies
     * spread evenly from p50 / 2 up to p99 * 1.01 so that its p50 and p99 come out close to those given.
     */
    static OpenLoopStep.Result step(int offered, double outputRate, double p50Millis, double p99Millis,
            Map<String, Integer> outcomes, Map<String, Integer> postFailures) {
        int finished = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        Latencies post = new Latencies();
        Latencies terminal = new Latencies();
        for (int i = 0; i < finished; i++) {
            post.recordNanos(TimeUnit.MILLISECONDS.toNanos(5));
            double share = (i + 0.5) / finished;
            double millis = share <= 0.5 ? p50Millis * share * 2
                    : share <= 0.99 ? p50Millis + (p99Millis - p50Millis) * (share - 0.5) / 0.49 : p99Millis * 1.01;
            terminal.recordNanos((long) (millis * 1_000_000));
        }
        return new OpenLoopStep.Result(offered, Duration.ofSeconds(30), offered * 30, offered, finished, offered,
                finished, outputRate * 0.9, outputRate, post, terminal, new TreeMap<>(outcomes),
                new TreeMap<>(postFailures), List.of());
    }

    static OpenLoopStep.Result confirmedStep(int offered, double outputRate, double p50Millis, double p99Millis) {
        return step(offered, outputRate, p50Millis, p99Millis, Map.of("CONFIRMED", offered * 30), Map.of());
    }
}

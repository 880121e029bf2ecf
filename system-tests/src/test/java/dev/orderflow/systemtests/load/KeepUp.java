package dev.orderflow.systemtests.load;

import java.util.ArrayList;
import java.util.List;

/**
 * When a step counts as kept up: the system turned orders out at (nearly) the offered rate, every accepted order
 * reached its terminal status and none by the saga deadline, no {@code POST} failed, and the terminal p99 stayed
 * under a bound.
 *
 * <p>The throughput compared with the offered rate is {@link OpenLoopStep.Result#outputRate()} (terminal events in
 * a window as long as the sending, shifted by the median latency), not completed/s (from the first send to the last
 * terminal event): completed/s counts one latency of pipeline filling against the step, so a step of {@code s}
 * seconds whose orders take {@code t} seconds could never reach more than {@code s / (s + t)} of the offered rate, and
 * the verdict would depend on the step's length rather than on the system.
 *
 * @param minShare     output/s must be at least this share of the offered rate (0.95)
 * @param maxP99Millis terminal p99 must be at most this
 */
record KeepUp(double minShare, double maxP99Millis) {

    static final String TIMED_OUT = "REJECTED/TIMED_OUT";

    /** Whether the step held, and if not, every reason why. */
    record Verdict(boolean held, String why) {

        String cell() {
            return held ? "yes" : "no: " + why;
        }
    }

    Verdict of(OpenLoopStep.Result step) {
        List<String> misses = new ArrayList<>();
        int failedPosts = step.postFailures().values().stream().mapToInt(Integer::intValue).sum();
        if (failedPosts > 0) {
            misses.add("%d failed POSTs".formatted(failedPosts));
        }
        if (step.unfinished() > 0) {
            misses.add("%d unfinished".formatted(step.unfinished()));
        }
        int timedOut = step.outcomes().getOrDefault(TIMED_OUT, 0);
        if (timedOut > 0) {
            misses.add("%d TIMED_OUT".formatted(timedOut));
        }
        if (step.accepted() == 0 || step.outputRate() < minShare * step.offeredRate()) {
            misses.add("output %.1f/s < %.0f%% of %d/s".formatted(step.outputRate(), 100 * minShare,
                    step.offeredRate()));
        }
        double p99 = step.postToTerminal().millis(99);
        if (p99 > maxP99Millis) {
            misses.add("terminal p99 %s ms > %s ms".formatted(Latencies.ms(p99), Latencies.ms(maxP99Millis)));
        }
        return new Verdict(misses.isEmpty(), misses.isEmpty() ? "kept up" : String.join(", ", misses));
    }

    String describe() {
        return ("output/s >= %.0f%% of the offered rate, every accepted order finished, none TIMED_OUT, no failed POST, "
                + "POST -> terminal p99 <= %s ms").formatted(100 * minShare, Latencies.ms(maxP99Millis));
    }
}

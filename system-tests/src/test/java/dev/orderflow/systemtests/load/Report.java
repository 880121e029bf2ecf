package dev.orderflow.systemtests.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benchmark's figures as a readable table (stdout and Markdown) and as CSV, one row per step, with the outbox
 * and consumer lag of each service per step beside them, and the highest rate that kept up.
 */
final class Report {

    /** One step as reported: what it measured, the backlogs meanwhile, and whether it kept up. */
    record Step(OpenLoopStep.Result result, Backlog backlog, boolean search, KeepUp.Verdict verdict) {

        String label() {
            return search ? result.offeredRate() + " (search)" : String.valueOf(result.offeredRate());
        }
    }

    private final String setup;
    private final Baselines.CommitRate commits;
    private final Baselines.KafkaRoundTrip kafka;
    private final List<Step> steps;
    private final KeepUp keepUp;
    private final Optional<MaxRateSearch.Outcome> maxRate;
    private final String sampling;
    private final String invariants;
    private final List<String> cpu;

    /**
     * @param maxRate  the search's outcome, empty when the run did not search
     * @param sampling how the backlogs were read (interval, refresh, failed readings), printed under their table
     */
    Report(String setup, Baselines.CommitRate commits, Baselines.KafkaRoundTrip kafka, List<Step> steps,
            KeepUp keepUp, Optional<MaxRateSearch.Outcome> maxRate, String sampling, String invariants) {
        this(setup, commits, kafka, steps, keepUp, maxRate, sampling, invariants, List.of());
    }

    /** @param cpu markdown lines on the CPU each process spent idle and per order ({@link ProcessCpu}; empty: not measured) */
    Report(String setup, Baselines.CommitRate commits, Baselines.KafkaRoundTrip kafka, List<Step> steps,
            KeepUp keepUp, Optional<MaxRateSearch.Outcome> maxRate, String sampling, String invariants,
            List<String> cpu) {
        this.cpu = List.copyOf(cpu);
        this.setup = setup;
        this.commits = commits;
        this.kafka = kafka;
        this.steps = List.copyOf(steps);
        this.keepUp = keepUp;
        this.maxRate = maxRate;
        this.sampling = sampling;
        this.invariants = invariants;
    }

    String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add(setup);
        lines.add("");
        lines.add("Baselines on the stack's own PostgreSQL and broker:");
        lines.add(("- PostgreSQL single-row INSERT + COMMIT, one connection: **%,.0f commits/s** "
                + "(latency p50 / p99 %s / %s ms)").formatted(commits.perSecond(),
                        Latencies.ms(commits.latency().millis(50)), Latencies.ms(commits.latency().millis(99))));
        lines.add("- Kafka produce (acks=all, idempotent) -> consume at %d msg/s: **p50 %s ms, p99 %s ms** (max %s ms)"
                .formatted(kafka.ratePerSecond(), Latencies.ms(kafka.latency().millis(50)),
                        Latencies.ms(kafka.latency().millis(99)), Latencies.ms(kafka.latency().maxMillis())));
        lines.add("");
        lines.add("| offered/s | sent/s | accepted/s | completed/s | output/s | confirmed/s "
                + "| POST ms p50 / p95 / p99 / max | POST -> terminal ms p50 / p95 / p99 / max "
                + "| terminal p50 / Kafka p50 | completed / commits | outcomes | POST failures | unfinished | kept up |");
        lines.add("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|---:|---|");
        for (Step step : steps) {
            OpenLoopStep.Result result = step.result();
            lines.add("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %d | %s |".formatted(
                    step.label(), result.sentRate(), result.acceptedRate(), result.finishedRate(),
                    result.outputRate(), result.confirmedRate(), result.post().summary(),
                    result.postToTerminal().summary(), latencyRatio(result), throughputRatio(result.finishedRate()),
                    counts(result.outcomes()), counts(result.postFailures()), result.unfinished(),
                    step.verdict().cell()));
        }
        lines.add("");
        lines.add("Outbox and consumer lag per step and service (max / p95 of the readings taken every second from "
                + "the step's first send to its last terminal event or the drain limit; publish latency estimated from "
                + "the increase of the service's histogram over the step):");
        lines.add("");
        lines.add("| offered/s | service | outbox pending | oldest unpublished ms | publish ms p50 / p99 | published "
                + "| consumer lag (records) |");
        lines.add("|---:|---|---:|---:|---:|---:|---:|");
        for (Step step : steps) {
            for (Backlog.ServiceFigures service : step.backlog().services()) {
                lines.add("| %s | %s | %s | %s | %s / %s | %,d | %s |".formatted(step.label(), service.service(),
                        service.pending().cell(), service.oldestAgeMillis().cell(),
                        millis(service.publishP50Millis()), millis(service.publishP99Millis()), service.published(),
                        service.consumerLag().cell()));
            }
        }
        lines.add("");
        lines.add(sampling);
        if (!cpu.isEmpty()) {
            lines.add("");
            lines.addAll(cpu);
        }
        lines.add("");
        lines.add(maxRateLine());
        lines.add("");
        lines.add("Invariants: " + invariants);
        return String.join(System.lineSeparator(), lines);
    }

    /** The highest rate that kept up, as found by the search (or by the fixed steps alone), with its ratios. */
    String maxRateLine() {
        String criteria = "(kept up: " + keepUp.describe() + ")";
        if (maxRate.isEmpty()) {
            List<Integer> held = steps.stream().filter(step -> step.verdict().held())
                    .map(step -> step.result().offeredRate()).toList();
            return "Highest rate held: not searched (`--find-max`); fixed rates that kept up: %s %s".formatted(
                    held.isEmpty() ? "none" : held.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    criteria);
        }
        MaxRateSearch.Outcome outcome = maxRate.get();
        String failed = outcome.lowestFailed() == 0 ? "no tried rate failed up to the search's limit"
                : "lowest rate that did not: %d/s (%s)".formatted(outcome.lowestFailed(),
                        lastAt(outcome.lowestFailed()).map(step -> step.verdict().why()).orElse("?"));
        String tried = "searched %s".formatted(outcome.tried().isEmpty() ? "no further rate"
                : outcome.tried().stream().map(rate -> rate + "/s").collect(Collectors.joining(", ")));
        if (outcome.highestHeld() == 0) {
            return "**Highest rate held: none** of the tried rates kept up; %s; %s %s".formatted(failed, tried,
                    criteria);
        }
        OpenLoopStep.Result best = lastAt(outcome.highestHeld()).orElseThrow().result();
        return ("**Highest rate held: %d orders/s** (output %.1f/s, completed %.1f/s = %s of PostgreSQL's commits/s; "
                + "POST -> terminal p50 / p99 %s / %s ms, p50 = %s Kafka p50); %s; %s %s").formatted(
                        outcome.highestHeld(), best.outputRate(), best.finishedRate(),
                        throughputRatio(best.finishedRate()), Latencies.ms(best.postToTerminal().millis(50)),
                        Latencies.ms(best.postToTerminal().millis(99)), latencyRatio(best), failed, tried, criteria);
    }

    /** The last step run at that rate (a search may repeat a fixed rate's neighbourhood, never the rate itself). */
    private Optional<Step> lastAt(int rate) {
        return steps.stream().filter(step -> step.result().offeredRate() == rate).reduce((first, later) -> later);
    }

    String csv() {
        List<String> lines = new ArrayList<>();
        lines.add("offered_per_s,search,seconds,sent,sent_per_s,accepted,accepted_per_s,completed,completed_per_s,"
                + "output_per_s,confirmed_per_s,post_p50_ms,post_p95_ms,post_p99_ms,post_max_ms,"
                + "terminal_p50_ms,terminal_p95_ms,terminal_p99_ms,terminal_max_ms,unfinished,outcomes,post_failures,"
                + "kept_up,why,pg_commits_per_s,kafka_p50_ms,kafka_p99_ms");
        for (Step step : steps) {
            OpenLoopStep.Result result = step.result();
            lines.add(String.join(",", String.valueOf(result.offeredRate()), String.valueOf(step.search()),
                    String.valueOf(result.length().toSeconds()), String.valueOf(result.sent()), num(result.sentRate()),
                    String.valueOf(result.accepted()), num(result.acceptedRate()),
                    String.valueOf(result.postToTerminal().count()), num(result.finishedRate()),
                    num(result.outputRate()), num(result.confirmedRate()), num(result.post().millis(50)),
                    num(result.post().millis(95)), num(result.post().millis(99)), num(result.post().maxMillis()),
                    num(result.postToTerminal().millis(50)), num(result.postToTerminal().millis(95)),
                    num(result.postToTerminal().millis(99)), num(result.postToTerminal().maxMillis()),
                    String.valueOf(result.unfinished()), quoted(counts(result.outcomes())),
                    quoted(counts(result.postFailures())), String.valueOf(step.verdict().held()),
                    quoted(step.verdict().why()), num(commits.perSecond()), num(kafka.latency().millis(50)),
                    num(kafka.latency().millis(99))));
        }
        return String.join("\n", lines) + "\n";
    }

    /** One row per step and service; empty cells where nothing was read. */
    String backlogCsv() {
        List<String> lines = new ArrayList<>();
        lines.add("offered_per_s,search,service,outbox_pending_max,outbox_pending_p95,oldest_unpublished_ms_max,"
                + "oldest_unpublished_ms_p95,publish_p50_ms,publish_p99_ms,published,consumer_lag_max,"
                + "consumer_lag_p95,outbox_readings,lag_readings");
        for (Step step : steps) {
            for (Backlog.ServiceFigures service : step.backlog().services()) {
                lines.add(String.join(",", String.valueOf(step.result().offeredRate()), String.valueOf(step.search()),
                        service.service(), num(service.pending().max()), num(service.pending().p95()),
                        num(service.oldestAgeMillis().max()), num(service.oldestAgeMillis().p95()),
                        num(service.publishP50Millis()), num(service.publishP99Millis()),
                        String.valueOf(service.published()), num(service.consumerLag().max()),
                        num(service.consumerLag().p95()), String.valueOf(service.pending().samples()),
                        String.valueOf(service.consumerLag().samples())));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Writes {@code <name>.md}, {@code <name>.csv} and {@code <name>-backlog.csv} into the directory; answers the
     * Markdown file.
     */
    Path write(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path markdown = directory.resolve(name + ".md");
        Files.writeString(markdown, markdown() + System.lineSeparator());
        Files.writeString(directory.resolve(name + ".csv"), csv());
        Files.writeString(directory.resolve(name + "-backlog.csv"), backlogCsv());
        return markdown;
    }

    /** The plot's points, one per step that finished orders. */
    List<LatencyPlot.Point> plotPoints() {
        return LatencyPlot.points(steps.stream().map(Step::result)
                .sorted(Comparator.comparingInt(OpenLoopStep.Result::offeredRate)).toList());
    }

    /** How many Kafka round trips one order's POST -> terminal p50 is worth (the saga makes about five hops). */
    private String latencyRatio(OpenLoopStep.Result step) {
        double kafkaP50 = kafka.latency().millis(50);
        return step.postToTerminal().count() == 0 || kafkaP50 == 0 ? "-"
                : "%.1fx".formatted(step.postToTerminal().millis(50) / kafkaP50);
    }

    /** Completed orders per second as a share of the raw single-connection commit rate. */
    private String throughputRatio(double completedPerSecond) {
        return commits.perSecond() == 0 ? "-" : "%.1f%%".formatted(100 * completedPerSecond / commits.perSecond());
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String millis(double millis) {
        return Double.isNaN(millis) ? "-" : Latencies.ms(millis);
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : "%.1f".formatted(value);
    }
}

package dev.orderflow.systemtests.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's figures as a readable table (stdout and Markdown) and as CSV, one row per step. */
final class Report {

    private final String setup;
    private final Baselines.CommitRate commits;
    private final Baselines.KafkaRoundTrip kafka;
    private final List<OpenLoopStep.Result> steps;
    private final String invariants;

    Report(String setup, Baselines.CommitRate commits, Baselines.KafkaRoundTrip kafka,
            List<OpenLoopStep.Result> steps, String invariants) {
        this.setup = setup;
        this.commits = commits;
        this.kafka = kafka;
        this.steps = List.copyOf(steps);
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
        lines.add("| offered/s | sent/s | accepted/s | completed/s | confirmed/s | POST ms p50 / p95 / p99 / max "
                + "| POST -> terminal ms p50 / p95 / p99 / max | terminal p50 / Kafka p50 | completed / commits "
                + "| outcomes | POST failures | unfinished |");
        lines.add("|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|---:|");
        for (OpenLoopStep.Result step : steps) {
            lines.add("| %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %d |".formatted(
                    step.offeredRate(), step.sentRate(), step.acceptedRate(), step.finishedRate(),
                    step.confirmedRate(), step.post().summary(),
                    step.postToTerminal().summary(), latencyRatio(step), throughputRatio(step),
                    counts(step.outcomes()), counts(step.postFailures()), step.unfinished()));
        }
        lines.add("");
        lines.add("Invariants: " + invariants);
        return String.join(System.lineSeparator(), lines);
    }

    String csv() {
        List<String> lines = new ArrayList<>();
        lines.add("offered_per_s,seconds,sent,sent_per_s,accepted,accepted_per_s,completed,completed_per_s,"
                + "confirmed_per_s,post_p50_ms,post_p95_ms,post_p99_ms,post_max_ms,"
                + "terminal_p50_ms,terminal_p95_ms,terminal_p99_ms,terminal_max_ms,unfinished,outcomes,post_failures,pg_commits_per_s,kafka_p50_ms,kafka_p99_ms");
        for (OpenLoopStep.Result step : steps) {
            lines.add(String.join(",", String.valueOf(step.offeredRate()), String.valueOf(step.length().toSeconds()),
                    String.valueOf(step.sent()), num(step.sentRate()), String.valueOf(step.accepted()),
                    num(step.acceptedRate()), String.valueOf(step.postToTerminal().count()), num(step.finishedRate()),
                    num(step.confirmedRate()), num(step.post().millis(50)), num(step.post().millis(95)),
                    num(step.post().millis(99)), num(step.post().maxMillis()), num(step.postToTerminal().millis(50)),
                    num(step.postToTerminal().millis(95)), num(step.postToTerminal().millis(99)),
                    num(step.postToTerminal().maxMillis()), String.valueOf(step.unfinished()),
                    '"' + counts(step.outcomes()) + '"', '"' + counts(step.postFailures()) + '"',
                    num(commits.perSecond()), num(kafka.latency().millis(50)), num(kafka.latency().millis(99))));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Writes {@code order-load-<UTC time>.md} and {@code .csv} into the directory; answers the Markdown file. */
    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path markdown = directory.resolve("order-load-" + stamp + ".md");
        Files.writeString(markdown, markdown() + System.lineSeparator());
        Files.writeString(directory.resolve("order-load-" + stamp + ".csv"), csv());
        return markdown;
    }

    /** How many Kafka round trips one order's POST -> terminal p50 is worth (the saga makes about five hops). */
    private String latencyRatio(OpenLoopStep.Result step) {
        double kafkaP50 = kafka.latency().millis(50);
        return step.postToTerminal().count() == 0 || kafkaP50 == 0 ? "-"
                : "%.1fx".formatted(step.postToTerminal().millis(50) / kafkaP50);
    }

    /** Completed orders per second as a share of the raw single-connection commit rate. */
    private String throughputRatio(OpenLoopStep.Result step) {
        return commits.perSecond() == 0 ? "-" : "%.1f%%".formatted(100 * step.finishedRate() / commits.perSecond());
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String num(double value) {
        return "%.1f".formatted(value);
    }
}

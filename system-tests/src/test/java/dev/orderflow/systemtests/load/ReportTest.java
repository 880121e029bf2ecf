package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final KeepUp KEEP_UP = new KeepUp(0.95, 2000);

    private final Baselines.CommitRate commits = new Baselines.CommitRate(5000, 25_000, latencies(0.2));
    private final Baselines.KafkaRoundTrip kafka = new Baselines.KafkaRoundTrip(200, latencies(10));

    @Test
    void printsEveryStepWithItsRatiosToTheBaselinesAndWhetherItKeptUp() {
        String markdown = report(Optional.empty()).markdown();

        assertThat(markdown).contains("**5,000 commits/s**", "**p50 10.0 ms");
        // 50/s: completed 45/s (90% of output in the fixture) is 0.9% of 5,000 commits/s; p50 100 ms is 10 Kafka p50s
        assertThat(row(markdown, "| 50 |")).contains("| 45.0 | 50.0 |", "| 10.0x | 0.9% |", "| yes |");
        assertThat(row(markdown, "| 100 |")).contains("| no: terminal p99 3,0");
        assertThat(markdown).contains("Highest rate held: not searched (`--find-max`); fixed rates that kept up: 50");
    }

    @Test
    void printsEachServicesOutboxAndConsumerLagPerStep() {
        String markdown = report(Optional.empty()).markdown();

        assertThat(markdown).contains("| 50 | order-service | 40 / 38 | 1,000 / 950 | 55.0 / 99.1 | 20 | 19 / 18 |",
                "| 50 | payment-service | - | - | - / - | 0 | - |", "Backlog readings every 1 s");
    }

    @Test
    void namesTheHighestRateHeldWithItsRatios() {
        Report report = report(Optional.of(new MaxRateSearch.Outcome(70, 80, List.of(75, 70, 80))));

        assertThat(report.maxRateLine()).startsWith("**Highest rate held: 70 orders/s** (output 70.0/s, completed "
                + "63.0/s = 1.3% of PostgreSQL's commits/s; POST -> terminal p50 / p99 ")
                .contains("p50 = 20.0x Kafka p50", "lowest rate that did not: 80/s (output 60.0/s < 95% of 80/s)",
                        "searched 75/s, 70/s, 80/s");
        assertThat(report.markdown()).contains("| 70 (search) |");
    }

    @Test
    void saysSoWhenNoTriedRateHeld() {
        Report report = report(Optional.of(new MaxRateSearch.Outcome(0, 1, List.of(1))));

        assertThat(report.maxRateLine()).startsWith("**Highest rate held: none** of the tried rates kept up");
    }

    @Test
    void writesTheTableAndBothCsvFilesWithAsManyFieldsInEveryRowAsInTheHeader(@TempDir Path directory)
            throws IOException {
        Report report = report(Optional.of(new MaxRateSearch.Outcome(70, 80, List.of(75, 70, 80))));

        Path markdown = report.write(directory, "order-load-test");

        assertThat(markdown).hasFileName("order-load-test.md").content().contains("| offered/s |");
        for (String csv : List.of("order-load-test.csv", "order-load-test-backlog.csv")) {
            List<String> lines = Files.readAllLines(directory.resolve(csv));
            assertThat(lines).hasSizeGreaterThan(1);
            int fields = fields(lines.getFirst());
            assertThat(lines).allSatisfy(line -> assertThat(fields(line)).as(line).isEqualTo(fields));
        }
        assertThat(Files.readString(directory.resolve("order-load-test.csv")))
                .contains("\"output 60.0/s < 95% of 80/s\"");
    }

    @Test
    void plotsOneStepPerPointInOrderOfOfferedRate() {
        List<LatencyPlot.Point> points = report(Optional.empty()).plotPoints();

        assertThat(points).extracting(LatencyPlot.Point::offeredRate).containsExactly(50, 100);
        assertThat(points.getFirst().throughput()).isEqualTo(50.0);
    }

    private Report report(Optional<MaxRateSearch.Outcome> maxRate) {
        List<Report.Step> steps = new java.util.ArrayList<>();
        steps.add(step(TestSteps.confirmedStep(50, 50.0, 100, 400), false, backlog()));
        steps.add(step(TestSteps.confirmedStep(100, 98.0, 1200, 3000), false, backlog()));
        if (maxRate.isPresent() && maxRate.get().highestHeld() > 0) {
            steps.add(step(TestSteps.confirmedStep(75, 70.0, 150, 900), true, Backlog.NOT_SAMPLED));
            steps.add(step(TestSteps.confirmedStep(70, 70.0, 200, 900), true, Backlog.NOT_SAMPLED));
            steps.add(step(TestSteps.confirmedStep(80, 60.0, 300, 1900), true, Backlog.NOT_SAMPLED));
        }
        return new Report("setup line", commits, kafka, steps, KEEP_UP, maxRate,
                "Backlog readings every 1 s; 0 readings failed.", "I1-I5 hold");
    }

    private static Report.Step step(OpenLoopStep.Result result, boolean search, Backlog backlog) {
        return new Report.Step(result, backlog, search, KEEP_UP.of(result));
    }

    /** order-service: pending 1..40, oldest age 25..1000 ms, 20 published in (10, 100] ms; lag 0..19 twice. */
    private static Backlog backlog() {
        List<Backlog.Sample> samples = new java.util.ArrayList<>();
        for (int second = 0; second < 40; second++) {
            TreeMap<Double, Double> buckets = new TreeMap<>(second == 0
                    ? Map.of(0.01, 5.0, 0.1, 5.0, Double.POSITIVE_INFINITY, 5.0)
                    : Map.of(0.01, 5.0, 0.1, 25.0, Double.POSITIVE_INFINITY, 25.0));
            samples.add(new Backlog.Sample(second, Map.of("order-service",
                    new Backlog.OutboxReading(second + 1, (second + 1) * 0.025, buckets)),
                    Map.of("order-service", (long) (second % 20))));
        }
        return Backlog.of(samples, List.of("order-service", "payment-service"));
    }

    private static Latencies latencies(double millis) {
        Latencies latencies = new Latencies();
        latencies.recordNanos(TimeUnit.MICROSECONDS.toNanos((long) (millis * 1000)));
        return latencies;
    }

    private static String row(String markdown, String start) {
        return markdown.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
    }

    /** Fields of a CSV line, commas inside quotes not counted. */
    private static int fields(String line) {
        int fields = 1;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields++;
            }
        }
        return fields;
    }
}

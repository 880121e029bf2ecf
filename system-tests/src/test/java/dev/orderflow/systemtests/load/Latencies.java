package dev.orderflow.systemtests.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** A latency distribution in microseconds (3 significant digits, up to 10 minutes), safe to record from any thread. */
final class Latencies {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 0, HIGHEST_MICROS));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds, e.g. {@code millis(99.0)}; 0 when nothing was recorded. */
    double millis(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    /** {@code p50 / p95 / p99 / max} in milliseconds, for a table cell. */
    String summary() {
        if (count() == 0) {
            return "-";
        }
        return "%s / %s / %s / %s".formatted(ms(millis(50)), ms(millis(95)), ms(millis(99)), ms(maxMillis()));
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format("%,.0f", millis) : String.format("%.1f", millis);
    }
}

package dev.orderflow.systemtests.load;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far behind each service was during one step: its outbox (rows committed but not yet published, age of the
 * oldest, append -> broker acknowledgement latency) and its consumer group (records on its topics it has not yet
 * committed), from the readings {@link BacklogSampler} took every second.
 */
record Backlog(List<ServiceFigures> services) {

    /** One service's outbox at one moment, as its metrics say; NaN for a metric the page did not have. */
    record OutboxReading(double pending, double oldestAgeSeconds, NavigableMap<Double, Double> publishBuckets) {
    }

    /**
     * Everything read at one moment ({@code System.nanoTime()}): the outbox of each service that answered, the lag of
     * each consumer group that had committed offsets.
     */
    record Sample(long nanos, Map<String, OutboxReading> outbox, Map<String, Long> consumerLag) {
    }

    /** The largest value and the 95th percentile (nearest rank) of what a series read during a step. */
    record Spread(double max, double p95, int samples) {

        static final Spread NONE = new Spread(Double.NaN, Double.NaN, 0);

        static Spread of(double[] values) {
            double[] known = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
            if (known.length == 0) {
                return NONE;
            }
            int rank = (int) Math.ceil(0.95 * known.length);
            return new Spread(known[known.length - 1], known[rank - 1], known.length);
        }

        /** {@code max / p95}, rounded to whole units; "-" if nothing was read. */
        String cell() {
            return samples == 0 ? "-" : "%,.0f / %,.0f".formatted(max, p95);
        }
    }

    /**
     * What one service's outbox and consumer group did during a step. Publish latency percentiles are estimated from
     * the increase of the histogram's buckets over the step (linear within a bucket, as Prometheus'
     * {@code histogram_quantile} does); NaN if nothing was published.
     */
    record ServiceFigures(String service, Spread pending, Spread oldestAgeMillis, double publishP50Millis,
            double publishP99Millis, long published, Spread consumerLag) {
    }

    static final Backlog NOT_SAMPLED = new Backlog(List.of());

    /** The figures of the given services (service name = consumer group) over the samples of one step. */
    static Backlog of(List<Sample> samples, List<String> services) {
        List<ServiceFigures> figures = new ArrayList<>();
        for (String service : services) {
            List<OutboxReading> readings = samples.stream().map(sample -> sample.outbox().get(service))
                    .filter(Objects::nonNull).toList();
            // Empty until the service's first publish registers the timer: then everything counts.
            NavigableMap<Double, Double> first = readings.isEmpty() ? new TreeMap<>() : readings.getFirst()
                    .publishBuckets();
            NavigableMap<Double, Double> last = readings.stream().map(OutboxReading::publishBuckets)
                    .filter(buckets -> !buckets.isEmpty()).reduce((earlier, later) -> later).orElse(new TreeMap<>());
            NavigableMap<Double, Double> published = increase(first, last);
            figures.add(new ServiceFigures(service,
                    Spread.of(readings.stream().mapToDouble(OutboxReading::pending).toArray()),
                    Spread.of(readings.stream().mapToDouble(reading -> reading.oldestAgeSeconds() * 1000).toArray()),
                    1000 * quantile(0.50, published), 1000 * quantile(0.99, published),
                    published.isEmpty() ? 0 : Math.round(published.lastEntry().getValue()),
                    Spread.of(samples.stream().map(sample -> sample.consumerLag().get(service))
                            .mapToDouble(lag -> lag == null ? Double.NaN : lag).toArray())));
        }
        return new Backlog(figures);
    }

    /**
     * The counts a cumulative histogram gained between two readings, bucket by bucket. A service that restarted in
     * between counts from zero again, so then the later reading is the increase.
     */
    static NavigableMap<Double, Double> increase(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after) {
        NavigableMap<Double, Double> increase = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double gained = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (gained < 0) {
                return new TreeMap<>(after);
            }
            increase.put(bucket.getKey(), gained);
        }
        return increase;
    }

    /**
     * The q-quantile of a cumulative histogram ({@code le} -> count, ending at {@code +Inf}), interpolated linearly
     * within the bucket it falls in; past the last finite bound it answers that bound. NaN for an empty histogram.
     */
    static double quantile(double q, NavigableMap<Double, Double> cumulative) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    /**
     * Records a consumer group has still to read, summed over the partitions of the topics it consumes: end offset
     * minus committed offset, and for a partition it never committed (it starts from the earliest record,
     * {@code auto.offset.reset=earliest}) end minus beginning offset. Never negative: offsets are read one after
     * the other, so a commit may be newer than the end offset read just before it.
     */
    static long lag(Collection<TopicPartition> partitions, Map<TopicPartition, Long> committed,
            Map<TopicPartition, Long> end, Map<TopicPartition, Long> beginning) {
        long lag = 0;
        for (TopicPartition partition : partitions) {
            Long endOffset = end.get(partition);
            Long from = committed.containsKey(partition) ? committed.get(partition) : beginning.get(partition);
            if (endOffset != null && from != null) {
                lag += Math.max(0, endOffset - from);
            }
        }
        return lag;
    }
}

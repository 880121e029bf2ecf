package dev.orderflow.systemtests.load;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads, every second for the whole run, each service's outbox metrics from {@code /actuator/prometheus} and each
 * consumer group's lag from the broker (an {@link Admin} client: committed offsets against end offsets), so that
 * each step can report how far behind the relays and the consumers fell.
 *
 * <p>The outbox gauges are what messaging's {@code MessagingMetrics} exposes: {@code orderflow.messaging.outbox.pending}
 * and {@code outbox.oldest.age}, recomputed by each service every {@code housekeeping.backlog-refresh} (5 s by
 * default; an own stack sets 1 s), and the {@code outbox.publish.latency} histogram. A reading that fails or takes
 * longer than the interval is left out and counted, never waited for.
 */
final class BacklogSampler implements AutoCloseable {

    static final String PENDING = "orderflow_messaging_outbox_pending";
    static final String OLDEST_AGE = "orderflow_messaging_outbox_oldest_age_seconds";
    static final String PUBLISH_LATENCY = "orderflow_messaging_outbox_publish_latency_seconds";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Supplier<String> operator;
    private final Map<String, URI> scrapes;
    private final List<String> observers;
    private final Admin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backlog-sampler").daemon().factory());
    private final List<Backlog.Sample> samples = new ArrayList<>();
    private final Map<String, Set<String>> topicsByGroup = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final AtomicInteger failedReadings = new AtomicInteger();
    private volatile boolean paused;

    /**
     * @param services each service's base URL by its name, which is also its consumer group
     *                 ({@code spring.application.name})
     * @param observers consumer groups without an outbox, of which only the lag is read (the console's): a step waits
     *                  for them to catch up too, so that what they fell behind is not left to the next step
     * @param operator the {@code Authorization} of an operator, whom the actuator answers
     */
    BacklogSampler(HttpClient http, Map<String, URI> services, List<String> observers, String bootstrapServers,
            Duration interval, Supplier<String> operator) {
        this.http = http;
        this.operator = operator;
        this.observers = List.copyOf(observers);
        this.scrapes = new LinkedHashMap<>();
        // Only the three meters read here: the whole page (every JVM, HTTP, Kafka client and pool meter) costs each
        // service more CPU a second than it spends on 25 orders' messages, which the figures per order would count.
        String meters = "/actuator/prometheus?" + Stream.of(PENDING, OLDEST_AGE, PUBLISH_LATENCY)
                .map(name -> "includedNames=" + name).collect(Collectors.joining("&"));
        services.forEach((name, base) -> scrapes.put(name, base.resolve(meters)));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "order-load-benchmark-lag",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis()));
        timer.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The services, then the observers: every consumer group whose figures a step reports. */
    List<String> services() {
        return Stream.concat(scrapes.keySet().stream(), observers.stream()).toList();
    }

    /** The figures of the samples taken between two {@code System.nanoTime()} readings. */
    Backlog between(long fromNanos, long toNanos) {
        List<Backlog.Sample> window;
        synchronized (samples) {
            window = samples.stream().filter(s -> s.nanos() - fromNanos >= 0 && toNanos - s.nanos() >= 0).toList();
        }
        return Backlog.of(window, services());
    }

    /**
     * Stops reading until {@link #resume()}: each reading costs the services a metrics page and the broker an offsets
     * query, which an idle-cost measurement must not count.
     */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** Readings that failed or timed out so far (a service's page, or the broker's offsets). */
    int failedReadings() {
        return failedReadings.get();
    }

    /**
     * Waits (at most {@code limit}) until a reading taken after this call finds every consumer group caught up and
     * every outbox empty, so that the next step does not start on the previous one's leftovers; answers whether it
     * did.
     */
    boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        long since = System.nanoTime();
        long giveUp = since + limit.toNanos();
        while (System.nanoTime() - giveUp < 0) {
            Backlog.Sample latest;
            synchronized (samples) {
                latest = samples.isEmpty() ? null : samples.getLast();
            }
            if (latest != null && latest.nanos() - since > 0 && caughtUp(latest)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Every service answered with an empty outbox, and every group that has ever committed has nothing left. */
    private boolean caughtUp(Backlog.Sample sample) {
        return sample.outbox().size() == scrapes.size()
                && sample.consumerLag().keySet().containsAll(topicsByGroup.keySet())
                && sample.outbox().values().stream().allMatch(reading -> !(reading.pending() > 0))
                && sample.consumerLag().values().stream().allMatch(lag -> lag == 0);
    }

    private void sample() {
        if (paused) {
            return;
        }
        try {
            long at = System.nanoTime();
            Map<String, CompletableFuture<HttpResponse<String>>> pages = new LinkedHashMap<>();
            scrapes.forEach((service, url) -> pages.put(service, http.sendAsync(
                    HttpRequest.newBuilder(url).timeout(READ_TIMEOUT).header("Authorization", operator.get()).GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString())));
            Map<String, Long> lag = consumerLag();
            Map<String, Backlog.OutboxReading> outbox = new HashMap<>();
            for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> page : pages.entrySet()) {
                try {
                    HttpResponse<String> response = page.getValue().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    if (response.statusCode() != 200) {
                        failedReadings.incrementAndGet();
                        continue;
                    }
                    PrometheusText metrics = PrometheusText.parse(response.body());
                    outbox.put(page.getKey(), new Backlog.OutboxReading(metrics.value(PENDING).orElse(Double.NaN),
                            metrics.value(OLDEST_AGE).orElse(Double.NaN), metrics.buckets(PUBLISH_LATENCY)));
                } catch (ExecutionException | TimeoutException failed) {
                    page.getValue().cancel(true);
                    failedReadings.incrementAndGet();
                }
            }
            synchronized (samples) {
                samples.add(new Backlog.Sample(at, Map.copyOf(outbox), Map.copyOf(lag)));
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again: count it and keep sampling.
            failedReadings.incrementAndGet();
        }
    }

    /** Lag of each group that has committed offsets (a group that has not yet is left out, not counted as 0). */
    private Map<String, Long> consumerLag() throws InterruptedException {
        try {
            Map<String, ListConsumerGroupOffsetsSpec> specs = services().stream()
                    .collect(Collectors.toMap(group -> group, group -> new ListConsumerGroupOffsetsSpec()));
            ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
            Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
            for (String group : specs.keySet()) {
                Map<TopicPartition, OffsetAndMetadata> offsets;
                try {
                    offsets = result.partitionsToOffsetAndMetadata(group)
                            .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException notYet) {
                    // e.g. a group the broker does not know yet: no figure for it in this reading
                    continue;
                }
                Map<TopicPartition, Long> known = new HashMap<>();
                offsets.forEach((partition, offset) -> {
                    if (offset != null) {
                        known.put(partition, offset.offset());
                        topicsByGroup.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(partition.topic());
                    }
                });
                committed.put(group, known);
            }
            // Every partition of every topic the group has ever committed on: one it has not yet committed on is
            // still behind by all its records.
            Set<String> unknown = new HashSet<>();
            topicsByGroup.values().forEach(unknown::addAll);
            unknown.removeAll(partitionCounts.keySet());
            if (!unknown.isEmpty()) {
                for (TopicDescription topic : admin.describeTopics(unknown).allTopicNames()
                        .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
                    partitionCounts.put(topic.name(), topic.partitions().size());
                }
            }
            Map<String, List<TopicPartition>> partitionsByGroup = new HashMap<>();
            Set<TopicPartition> all = new HashSet<>();
            Set<TopicPartition> neverCommitted = new HashSet<>();
            // Only groups read just now: a group whose offsets could not be read has no figure, not a wrong one.
            committed.keySet().forEach(group -> {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topicsByGroup.getOrDefault(group, Set.of())) {
                    for (int p = 0; p < partitionCounts.getOrDefault(topic, 0); p++) {
                        TopicPartition partition = new TopicPartition(topic, p);
                        partitions.add(partition);
                        if (!committed.get(group).containsKey(partition)) {
                            neverCommitted.add(partition);
                        }
                    }
                }
                if (!partitions.isEmpty()) {
                    all.addAll(partitions);
                    partitionsByGroup.put(group, partitions);
                }
            });
            Map<TopicPartition, Long> end = offsets(all, OffsetSpec.latest());
            Map<TopicPartition, Long> beginning = offsets(neverCommitted, OffsetSpec.earliest());
            Map<String, Long> lag = new HashMap<>();
            partitionsByGroup.forEach((group, partitions) -> lag.put(group,
                    Backlog.lag(partitions, committed.getOrDefault(group, Map.of()), end, beginning)));
            return lag;
        } catch (ExecutionException | TimeoutException failed) {
            failedReadings.incrementAndGet();
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        admin.close(Duration.ofSeconds(5));
    }
}

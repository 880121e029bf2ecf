package dev.orderflow.messaging.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.Money;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.outbox.LeaderConnectionFactory;
import dev.orderflow.messaging.outbox.OutboxRelay;
import dev.orderflow.messaging.outbox.OutboxStore;
import dev.orderflow.messaging.OutgoingMessage;
import dev.orderflow.messaging.schema.MessagingSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the outbox relay against a raw Kafka producer on the same broker, with the same records.
 *
 * <ul>
 *   <li>throughput: how fast the relay drains a backlog of committed rows onto Kafka, beside a raw idempotent
 *       {@code acks=all} producer sending as many records as fast as it can;</li>
 *   <li>latency at a fixed rate (1,000 msg/s): commit (or raw send) to the record being visible to a consumer,
 *       p50 and p99;</li>
 *   <li>latency at the most the writers can commit (several threads, one message per transaction).</li>
 * </ul>
 *
 * Run: {@code ./mvnw -o -pl messaging -Pbenchmark verify} (starts its own embedded Kafka and PostgreSQL).
 */
public final class RelayBenchmark {

    private static final String RAW_TOPIC = "benchmark.raw";
    private static final String RELAY_TOPIC = Topics.ORDERS_EVENTS;
    private static final int PARTITIONS = 6;
    private static final int BACKLOG = Integer.getInteger("benchmark.backlog", 50_000);
    private static final int RATE = Integer.getInteger("benchmark.rate", 1_000);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("benchmark.seconds", 10));
    private static final int WRITERS = Integer.getInteger("benchmark.writers", 8);

    private final HikariDataSource dataSource = new HikariDataSource();
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final String bootstrapServers = RealInfrastructure.kafkaBootstrapServers();
    private final MessagingProperties.Relay relaySettings = new MessagingProperties.Relay(true,
            Integer.getInteger("benchmark.batch", 500),
            Duration.ofMillis(500), true, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(1));

    private RelayBenchmark() {
        dataSource.setJdbcUrl(RealInfrastructure.jdbcUrl());
        dataSource.setUsername(RealInfrastructure.username());
        dataSource.setPassword(RealInfrastructure.password());
        dataSource.setMaximumPoolSize(WRITERS + 2);
        MessagingSchema.migrate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new Outbox(new OutboxStore(new JdbcTemplate(dataSource), true), "/orderflow/benchmark",
                CurrentTrace.NONE, Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        RelayBenchmark benchmark = new RelayBenchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.dataSource.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        createTopics();
        warmUp();

        double rawThroughput = rawThroughput();
        double relayThroughput = relayThroughput();
        Latencies rawFixed = rawAtFixedRate();
        Latencies relayFixed = relayAtFixedRate();
        Latencies relayMax = relayAtMaxWriteRate();

        System.out.printf("%n=== Relay benchmark (%d cores, load average %.1f, %d partitions, record %d bytes, "
                        + "relay batch %d) ===%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), PARTITIONS,
                sampleRecord(UUID.randomUUID()).value().length, relaySettings.batchSize());
        System.out.printf("Throughput, %,d records:   raw producer %,10.0f msg/s | relay (backlog drain) %,10.0f msg/s "
                + "= %.0f%% of raw%n", BACKLOG, rawThroughput, relayThroughput, 100 * relayThroughput / rawThroughput);
        System.out.printf("Fixed %,d msg/s for %ds:   raw send->visible    %s%n", RATE, RUN.toSeconds(), rawFixed);
        System.out.printf("                          relay commit->visible %s%n", relayFixed);
        System.out.printf("Max commit rate, %d writers: relay commit->visible %s%n", WRITERS, relayMax);
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, PARTITIONS, (short) 1),
                    new NewTopic(RELAY_TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void warmUp() throws Exception {
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            for (int i = 0; i < 5_000; i++) {
                producer.send(sampleRecord(UUID.randomUUID()));
            }
            producer.flush();
        }
        appendInTransactions(2_000, 4);
        drainWithRelay(2_000);
    }

    /** The raw producer sending {@link #BACKLOG} records as fast as it can, until all are acknowledged. */
    private double rawThroughput() {
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(BACKLOG);
            for (int i = 0; i < BACKLOG; i++) {
                records.add(sampleRecord(UUID.randomUUID()));
            }
            long started = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>(BACKLOG);
            for (ProducerRecord<String, byte[]> record : records) {
                sends.add(producer.send(record));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            return BACKLOG / seconds(System.nanoTime() - started);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relay publishing a committed backlog of {@link #BACKLOG} rows, until all are marked published. */
    private double relayThroughput() throws Exception {
        appendInTransactions(BACKLOG, WRITERS);
        return BACKLOG / seconds(drainWithRelay(BACKLOG));
    }

    /** Starts a relay on the committed backlog and times it until every row is visible on Kafka. */
    private long drainWithRelay(int rows) {
        try (Visibility visibility = new Visibility(RELAY_TOPIC, null)) {
            OutboxRelay relay = relay();
            long started = System.nanoTime();
            relay.start();
            try {
                visibility.awaitCount(rows);
                return System.nanoTime() - started;
            } finally {
                relay.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Latencies rawAtFixedRate() throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        try (KafkaProducer<String, byte[]> producer = rawProducer();
             Visibility visibility = new Visibility(RAW_TOPIC, sentAt)) {
            atFixedRate(RATE, RUN, () -> {
                ProducerRecord<String, byte[]> record = sampleRecord(UUID.randomUUID());
                sentAt.put(CloudEventHeaders.last(record.headers(), CloudEventHeaders.ID), System.nanoTime());
                producer.send(record);
            });
            return visibility.await(RATE * RUN.toSeconds());
        }
    }

    private Latencies relayAtFixedRate() throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        OutboxRelay relay = relay();
        relay.start();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (Visibility visibility = new Visibility(RELAY_TOPIC, committedAt)) {
            atFixedRate(RATE, RUN, () -> writers.execute(() -> appendOne(committedAt)));
            writers.shutdown();
            writers.awaitTermination(1, TimeUnit.MINUTES);
            return visibility.await(RATE * RUN.toSeconds());
        } finally {
            relay.stop();
        }
    }

    private Latencies relayAtMaxWriteRate() throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        OutboxRelay relay = relay();
        relay.start();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        try (Visibility visibility = new Visibility(RELAY_TOPIC, committedAt)) {
            long started = System.nanoTime();
            for (int i = 0; i < WRITERS; i++) {
                writers.execute(() -> {
                    while (writing.get()) {
                        appendOne(committedAt);
                        written.incrementAndGet();
                    }
                });
            }
            pause(RUN.toMillis());
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(1, TimeUnit.MINUTES);
            Latencies latencies = visibility.await(written.get());
            return latencies.withRate(written.get() / seconds(System.nanoTime() - started));
        } finally {
            relay.stop();
        }
    }

    private void appendOne(Map<String, Long> committedAt) {
        UUID orderId = UUID.randomUUID();
        UUID id = transactions.execute(status -> outbox.append(orderId.toString(), 1, payload(orderId)));
        committedAt.put(id.toString(), System.nanoTime());
    }

    private void appendInTransactions(int count, int threads) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        AtomicLong remaining = new AtomicLong(count);
        for (int i = 0; i < threads; i++) {
            writers.execute(() -> {
                while (remaining.getAndDecrement() > 0) {
                    UUID orderId = UUID.randomUUID();
                    transactions.executeWithoutResult(status -> outbox.append(orderId.toString(), 1, payload(orderId)));
                }
            });
        }
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.MINUTES);
    }

    private static void atFixedRate(int perSecond, Duration duration, Runnable task) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = perSecond * duration.toSeconds();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            task.run();
        }
    }

    private OutboxRelay relay() {
        return new OutboxRelay("benchmark-relay", LeaderConnectionFactory.of(RealInfrastructure.jdbcUrl(),
                RealInfrastructure.username(), RealInfrastructure.password(), "benchmark-relay"),
                () -> new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer()),
                relaySettings, new MessagingMetrics(new SimpleMeterRegistry()));
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
    }

    /** The same settings for both sides: idempotent, acks=all, linger 1 ms. */
    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1);
    }

    private static ProducerRecord<String, byte[]> sampleRecord(UUID orderId) {
        OrderConfirmed payload = payload(orderId);
        var record = CloudEventHeaders.toRecord(new OutgoingMessage(UUID.randomUUID(), RAW_TOPIC, orderId.toString(),
                MessageCatalog.of(OrderConfirmed.class).name(), "/orderflow/benchmark", Instant.now(), 1L,
                orderId.toString(), null, Traceparent.newTrace().toString(), MessageCodec.standard().encode(payload)));
        return record;
    }

    private static OrderConfirmed payload(UUID orderId) {
        return new OrderConfirmed(orderId, "c-1001", Money.of("59.80", "EUR"), Instant.now());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Consumes a topic from its current end and records when each record became visible. */
    private final class Visibility implements AutoCloseable {

        private final Map<String, Long> startedAt;
        private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread poller;
        private final AtomicBoolean polling = new AtomicBoolean(true);

        Visibility(String topic, Map<String, Long> startedAt) {
            this.startedAt = startedAt;
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = Thread.ofPlatform().name("visibility-" + topic).start(this::poll);
        }

        private void poll() {
            while (polling.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    visibleAt.putIfAbsent(CloudEventHeaders.last(record.headers(), CloudEventHeaders.ID),
                            System.nanoTime());
                }
            }
        }

        /** Waits until {@code expected} distinct records have become visible. */
        void awaitCount(long expected) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (visibleAt.size() < expected && System.nanoTime() < deadline) {
                pause(5);
            }
            if (visibleAt.size() < expected) {
                throw new IllegalStateException("only " + visibleAt.size() + " of " + expected + " records arrived");
            }
        }

        /**
         * Waits for the expected records and pairs each with its start; a record can become visible before its
         * writer even noted the commit time (counted as zero).
         */
        Latencies await(long expected) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (matched().length < expected && System.nanoTime() < deadline) {
                pause(10);
            }
            long[] latencies = matched();
            Arrays.sort(latencies);
            return new Latencies(latencies.length, expected, latencies, Double.NaN);
        }

        private long[] matched() {
            return startedAt.entrySet().stream()
                    .filter(entry -> visibleAt.containsKey(entry.getKey()))
                    .mapToLong(entry -> Math.max(0, visibleAt.get(entry.getKey()) - entry.getValue()))
                    .toArray();
        }

        @Override
        public void close() throws InterruptedException {
            polling.set(false);
            poller.join();
            consumer.close();
        }
    }

    private record Latencies(long seen, long expected, long[] sortedNanos, double rate) {

        Latencies withRate(double perSecond) {
            return new Latencies(seen, expected, sortedNanos, perSecond);
        }

        private double percentileMillis(double percentile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(percentile / 100 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        @Override
        public String toString() {
            String base = String.format("p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%,d/%,d visible)",
                    percentileMillis(50), percentileMillis(99), percentileMillis(100), seen, expected);
            return Double.isNaN(rate) ? base : base + String.format("  at %,.0f msg/s committed", rate);
        }
    }
}

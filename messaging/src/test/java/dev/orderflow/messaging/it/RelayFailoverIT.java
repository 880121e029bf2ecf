package dev.orderflow.messaging.it;

import dev.orderflow.events.Money;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.kafka.KafkaClientSettings;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.outbox.OutboxRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static dev.orderflow.messaging.it.OutboxIT.header;
import static dev.orderflow.messaging.it.OutboxIT.leaderConnections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays on one database, many concurrent writers, and the active relay killed in the middle of a batch (sent,
 * not yet marked): every key's messages arrive complete and in commit order, and the standby takes over within
 * seconds.
 */
@MessagingIntegrationTest
class RelayFailoverIT {

    private static final int KEYS = 12;
    private static final int WRITERS = 4;
    private static final int TRANSACTIONS_PER_WRITER = 150;

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxRelay contextRelay;
    @Autowired
    KafkaClientSettings kafka;
    @Autowired
    MessagingProperties properties;
    @Autowired
    MessagingMetrics metrics;

    @Test
    void keepsEveryKeysCommitOrderWhenTheActiveRelayIsKilledMidStream() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "failover-" + UUID.randomUUID();
            keys.add(key);
            jdbc.update("insert into test_aggregate (id, version) values (?, 0)", key);
        }
        contextRelay.stop();
        StallingProducer stalling = new StallingProducer(100);
        OutboxRelay first = relay("relay-a", stalling);
        OutboxRelay second = relay("relay-b", null);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (TopicReader reader = new TopicReader(Topics.ORDERS_EVENTS)) {
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(first::isActive);
            second.start();

            AtomicInteger commits = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                work.add(writers.submit(() -> write(keys, commits)));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> stalling.stalled() && commits.get() >= WRITERS * TRANSACTIONS_PER_WRITER / 3);
            long killed = System.nanoTime();
            jdbc.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                    "relay-a");
            stalling.release();
            // Dead for good: it must not win the lock back. Its in-flight sends may still land, unmarked.
            CompletableFuture<Void> firstStopped = CompletableFuture.runAsync(first::stop);
            await().atMost(Duration.ofSeconds(10)).until(second::isActive);
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            firstStopped.get(60, TimeUnit.SECONDS);
            for (Future<?> writer : work) {
                writer.get();
            }

            Map<String, Long> versions = new LinkedHashMap<>();
            for (String key : keys) {
                versions.put(key, jdbc.queryForObject("select version from test_aggregate where id = ?", Long.class, key));
            }
            long committed = versions.values().stream().mapToLong(Long::longValue).sum();
            Set<String> keySet = new HashSet<>(keys);
            reader.awaitRecords(record -> keySet.contains(record.key()), (int) committed, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> distinctIds(reader, keySet) == committed);

            assertThat(takeover).isLessThan(Duration.ofSeconds(5));
            assertThat(reader.received(record -> keySet.contains(record.key())))
                    .as("the killed relay's sent but unmarked batch was sent again")
                    .hasSizeGreaterThan((int) committed);
            Map<String, List<Long>> firstSeen = firstOccurrenceSequences(reader.received(r -> keySet.contains(r.key())));
            for (String key : keys) {
                assertThat(firstSeen.get(key)).as("sequences of %s in order of first arrival", key)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, versions.get(key)).boxed().toList());
            }
        } finally {
            writers.shutdownNow();
            first.stop();
            second.stop();
            contextRelay.start();
        }
    }

    /** One key per transaction: lock and bump the aggregate, then append with its new version. */
    private void write(List<String> keys, AtomicInteger commits) {
        for (int i = 0; i < TRANSACTIONS_PER_WRITER; i++) {
            String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            boolean rollBack = ThreadLocalRandom.current().nextInt(10) == 0;
            transactions.executeWithoutResult(status -> {
                long version = jdbc.queryForObject(
                        "update test_aggregate set version = version + 1 where id = ? returning version", Long.class, key);
                outbox.append(key, version, new OrderConfirmed(UUID.randomUUID(), "c-1", Money.of("1.00", "EUR"),
                        Instant.now()));
                if (rollBack) {
                    status.setRollbackOnly();
                }
            });
            if (!rollBack) {
                commits.incrementAndGet();
            }
        }
    }

    private OutboxRelay relay(String name, StallingProducer stalling) {
        MessagingProperties.Relay settings = properties.relay();
        return new OutboxRelay(name, leaderConnections(name), () -> {
            Producer<String, byte[]> producer = new KafkaProducer<>(
                    kafka.relayProducer(name, settings.linger(), settings.sendTimeout()),
                    new StringSerializer(), new ByteArraySerializer());
            return stalling == null ? producer : stalling.wrap(producer);
        }, settings, metrics);
    }

    private static long distinctIds(TopicReader reader, Set<String> keys) {
        return reader.received(record -> keys.contains(record.key())).stream()
                .map(record -> header(record, "ce_id")).distinct().count();
    }

    /** Per key, the ce_sequence of each message the first time it arrived: redeliveries are the inbox's to skip. */
    private static Map<String, List<Long>> firstOccurrenceSequences(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (seen.add(header(record, "ce_id"))) {
                sequences.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(Long.parseLong(header(record, "ce_sequence")));
            }
        }
        return sequences;
    }
}

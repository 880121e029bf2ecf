package dev.orderflow.messaging.it;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.messaging.deadletter.DeadLetter;
import dev.orderflow.messaging.deadletter.DeadLetters;
import dev.orderflow.messaging.deadletter.DeadLettersEndpoint;
import dev.orderflow.messaging.deadletter.ReplayReport;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.orderflow.messaging.it.OutboxIT.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MessagingIntegrationTest
class DeadLetterIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.INVENTORY_COMMANDS);

    @Autowired
    InventoryCommandsHandler handler;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    DeadLettersEndpoint endpoint;
    @Autowired
    MeterRegistry registry;

    private final RawProducer kafka = new RawProducer();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void deadLettersAPoisonMessageAtOnceAndKeepsThePartitionFlowing() {
        UUID orderId = UUID.randomUUID();
        handler.poison(orderId);
        double deadLettersBefore = count("orderflow.messaging.deadletters");
        ProducerRecord<String, byte[]> poison = reserve(orderId);
        try (TopicReader dlt = new TopicReader(DEAD_LETTERS)) {

            kafka.send(poison);
            kafka.send(RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId)));

            await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "released") == 1);
            ConsumerRecord<String, byte[]> deadLetter = dlt.awaitRecords(
                    record -> orderId.toString().equals(record.key()), 1, Duration.ofSeconds(20)).getFirst();
            assertThat(header(deadLetter, "ce_id")).isEqualTo(sent(poison, "ce_id"));
            assertThat(header(deadLetter, "ce_type")).isEqualTo(ReserveStock.TYPE);
            assertThat(header(deadLetter, "traceparent")).isEqualTo(sent(poison, "traceparent"));
            assertThat(deadLetter.value()).isEqualTo(poison.value());
            assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo("dev.orderflow.messaging.PoisonMessageException");
            assertThat(handler.effects(orderId, "reserved")).isZero();
            assertThat(count("orderflow.messaging.deadletters") - deadLettersBefore).isEqualTo(1);
        }
    }

    @Test
    void retriesATransientFailureAtOnceWithoutWaitingForTheFetchTheBrokerHolds() {
        // After a poll the consumer asks for more at once and the broker holds that fetch up to fetch.max.wait.ms
        // (5 s) when nothing new arrives; a retry that sought back to the failed record would wait for it.
        UUID orderId = UUID.randomUUID();
        handler.failReleaseOnce(orderId);
        long sent = System.nanoTime();

        kafka.send(RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId)));

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "released") == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("retried in memory, within the backoff")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deadLettersOnlyThePoisonOfABurstAndHandlesEveryOtherMessageOfItOnce() {
        // One key, so one partition, sent back to back: the consumer polls them together and handles them in shared
        // transactions; the poison fails its transaction, which is then replayed record by record.
        String key = "burst-" + UUID.randomUUID();
        List<UUID> orders = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            burst.add(RawProducer.cloudEvent(key, new ReleaseStock(orderId)));
        }
        UUID poisoned = UUID.randomUUID();
        handler.poison(poisoned);
        ProducerRecord<String, byte[]> poison = RawProducer.cloudEvent(key, new ReserveStock(poisoned,
                List.of(new StockLine("SKU-1", 1))));
        burst.add(12, poison);
        burst.add(20, burst.get(5));
        double deadLettersBefore = count("orderflow.messaging.deadletters");
        double duplicatesBefore = count("orderflow.messaging.inbox.duplicates");
        try (TopicReader dlt = new TopicReader(DEAD_LETTERS)) {

            kafka.sendAll(burst);

            await().atMost(Duration.ofSeconds(30)).until(() -> orders.stream()
                    .allMatch(orderId -> handler.effects(orderId, "released") >= 1));
            ConsumerRecord<String, byte[]> deadLetter = dlt.awaitRecords(
                    record -> key.equals(record.key()), 1, Duration.ofSeconds(20)).getFirst();
            assertThat(header(deadLetter, "ce_id")).isEqualTo(sent(poison, "ce_id"));
            assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo("dev.orderflow.messaging.PoisonMessageException");
            UUID marker = UUID.randomUUID();
            kafka.send(RawProducer.cloudEvent(key, new ReleaseStock(marker)));
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(marker, "released") == 1);
            assertThat(orders).allSatisfy(orderId -> assertThat(handler.effects(orderId, "released"))
                    .as("order %s released", orderId).isEqualTo(1));
            assertThat(handler.effects(poisoned, "reserved")).isZero();
            assertThat(count("orderflow.messaging.deadletters") - deadLettersBefore).isEqualTo(1);
            assertThat(count("orderflow.messaging.inbox.duplicates") - duplicatesBefore).isEqualTo(1);
        }
    }

    @Test
    void deadLettersMalformedPayloadsAndMissingHeaders() {
        UUID orderId = UUID.randomUUID();
        ProducerRecord<String, byte[]> valid = RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId));
        ProducerRecord<String, byte[]> malformed = new ProducerRecord<>(Topics.INVENTORY_COMMANDS, null,
                orderId.toString(), "{\"orderId\": 42".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(valid.headers().toArray()));
        ProducerRecord<String, byte[]> headerless = new ProducerRecord<>(Topics.INVENTORY_COMMANDS, orderId.toString(),
                valid.value());
        try (TopicReader dlt = new TopicReader(DEAD_LETTERS)) {

            kafka.send(malformed);
            kafka.send(headerless);
            kafka.send(valid);

            List<ConsumerRecord<String, byte[]>> deadLetters = dlt.awaitRecords(
                    record -> orderId.toString().equals(record.key()), 2, Duration.ofSeconds(30));
            assertThat(deadLetters).extracting(record -> header(record, "kafka_dlt-exception-cause-fqcn"))
                    .containsExactly("dev.orderflow.events.wire.MalformedMessageException",
                            "dev.orderflow.messaging.envelope.InvalidEnvelopeException");
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.effects(orderId, "released") == 1);
        }
    }

    @Test
    void replaysADeadLetterOnlyWhenNotADryRunAndOnlyOnceWithReplayAll() {
        UUID orderId = UUID.randomUUID();
        handler.poison(orderId);
        ProducerRecord<String, byte[]> poison = reserve(orderId);
        kafka.send(poison);
        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetters.list(DEAD_LETTERS).stream().filter(l -> l.id().equals(sent(poison, "ce_id")))
                        .findFirst().orElse(null),
                found -> found != null);
        assertThat(letter.originalTopic()).isEqualTo(Topics.INVENTORY_COMMANDS);
        assertThat(letter.reason()).contains("PoisonMessageException", "cannot be reserved");
        assertThat(letter.consumerGroup()).as("who dead-lettered it, and replays it").isEqualTo("messaging-it");
        assertThat(letter.replayedAt()).isNull();
        handler.cure(orderId);

        ReplayReport dryRun = deadLetters.replay(DEAD_LETTERS, letter.partition(), letter.offset(), true);
        handledAfterEverythingBefore(orderId);

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.replayed()).extracting(DeadLetter::id).containsExactly(letter.id());
        assertThat(handler.effects(orderId, "reserved")).as("a dry run re-delivers nothing").isZero();

        ReplayReport replay = endpoint.replay(DEAD_LETTERS, letter.partition(), letter.offset(), false);

        assertThat(replay.replayed()).extracting(DeadLetter::id).containsExactly(letter.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "reserved") == 1);
        assertThat(deadLetters.list(DEAD_LETTERS)).filteredOn(l -> l.offset() == letter.offset()
                && l.partition() == letter.partition()).singleElement()
                .satisfies(replayed -> assertThat(replayed.replayedAt()).isNotNull());
        assertThat(deadLetters.replayAll(DEAD_LETTERS, true).replayed())
                .as("replay all skips what was replayed").extracting(DeadLetter::id).doesNotContain(letter.id());
    }

    /** Sends a marker behind everything sent so far for the order (same key, same partition) and awaits it. */
    private void handledAfterEverythingBefore(UUID orderId) {
        int before = handler.effects(orderId, "released");
        kafka.send(RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "released") == before + 1);
    }

    private static String sent(ProducerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.last(record.headers(), name);
    }

    private static ProducerRecord<String, byte[]> reserve(UUID orderId) {
        return RawProducer.cloudEvent(orderId.toString(), new ReserveStock(orderId, List.of(new StockLine("SKU-1", 1))));
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }
}

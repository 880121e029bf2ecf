package dev.orderflow.messaging.it;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.localstack.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MessagingIntegrationTest
class InboxIT {

    @Autowired
    InventoryCommandsHandler handler;
    @Autowired
    MeterRegistry registry;

    private final RawProducer kafka = new RawProducer();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void handlesAMessageDeliveredFiveTimesOnceAndCountsFourDuplicates() {
        UUID orderId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId));
        double duplicatesBefore = count("orderflow.messaging.inbox.duplicates");

        for (int delivery = 0; delivery < 5; delivery++) {
            kafka.send(record);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("orderflow.messaging.inbox.duplicates") - duplicatesBefore >= 4);
        assertThat(handler.effects(orderId, "released")).isEqualTo(1);
        assertThat(count("orderflow.messaging.inbox.duplicates") - duplicatesBefore).isEqualTo(4);
    }

    @Test
    void handlesAMessageOnceWhenTheConsumerCrashedAfterItsCommitBeforeTheOffsetCommit() {
        UUID orderId = UUID.randomUUID();
        handler.crashOnceAfterCommit(orderId);
        double duplicatesBefore = count("orderflow.messaging.inbox.duplicates");

        kafka.send(RawProducer.cloudEvent(orderId.toString(), new CommitStock(orderId)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("orderflow.messaging.inbox.duplicates") > duplicatesBefore);
        assertThat(handler.effects(orderId, "committed")).as("redelivered, but handled once").isEqualTo(1);
    }

    @Test
    void commitsTheOffsetOfAHandledRecordWithinTheCommitIntervalThoughNoOtherRecordFollows() throws Exception {
        UUID orderId = UUID.randomUUID();
        RecordMetadata sent = kafka.send(RawProducer.cloudEvent(orderId.toString(), new ReleaseStock(orderId)));
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "released") == 1);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrapServers()))) {
            // The interval is 1 s by default; an idle container's poll returns after 5 s at most (spring-kafka's
            // poll timeout), and then it commits what it handled.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("messaging-it")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    @Test
    void skipsAndCountsTypesItDoesNotKnowAndKeepsConsuming() {
        UUID orderId = UUID.randomUUID();
        String key = orderId.toString();
        double skippedBefore = count("orderflow.messaging.consumer.unknown.types");
        ProducerRecord<String, byte[]> future = RawProducer.cloudEvent(key, new ReleaseStock(orderId));
        future.headers().remove("ce_type");
        future.headers().add("ce_type", "dev.orderflow.inventory.TeleportStock.v1".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> otherFamily = RawProducer.cloudEvent(key, new StockReserved(orderId, List.of()));
        ProducerRecord<String, byte[]> misplaced = new ProducerRecord<>(Topics.INVENTORY_COMMANDS, null, key,
                otherFamily.value(), new RecordHeaders(otherFamily.headers().toArray()));

        kafka.send(future);
        kafka.send(misplaced);
        kafka.send(RawProducer.cloudEvent(key, new ReleaseStock(orderId)));

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects(orderId, "released") == 1);
        assertThat(count("orderflow.messaging.consumer.unknown.types") - skippedBefore).isEqualTo(2);
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }
}

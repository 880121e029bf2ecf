package dev.orderflow.messaging.it;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.housekeeping.Housekeeping;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.outbox.LeaderConnectionFactory;
import dev.orderflow.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@MessagingIntegrationTest
class OutboxIT {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MessagingMetrics metrics;
    @Autowired
    MeterRegistry registry;
    @Autowired
    MessagingProperties properties;
    @Autowired
    InventoryCommandsHandler handler;
    @Autowired
    ExportedSpans spans;

    @Test
    void publishesNothingOfARolledBackTransactionAndExactlyTheMessagesOfACommittedOne() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        try (TopicReader reader = new TopicReader(Topics.INVENTORY_EVENTS)) {
            transactions.executeWithoutResult(status -> {
                outbox.append(rolledBack.toString(), new StockReserved(rolledBack, List.of(new StockLine("SKU-1", 1))));
                status.setRollbackOnly();
            });
            UUID[] ids = transactions.execute(status -> new UUID[] {
                    outbox.append(committed.toString(), 1, new StockReserved(committed, List.of(new StockLine("SKU-1", 1)))),
                    outbox.append(committed.toString(), 2, new StockReserved(committed, List.of(new StockLine("SKU-2", 2))))});

            List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(
                    record -> record.key().equals(committed.toString()), 2, Duration.ofSeconds(20));

            assertThat(records).extracting(record -> header(record, "ce_id"))
                    .containsExactly(ids[0].toString(), ids[1].toString());
            ConsumerRecord<String, byte[]> first = records.getFirst();
            assertThat(header(first, "ce_type")).isEqualTo(StockReserved.TYPE);
            assertThat(header(first, "ce_source")).isEqualTo("/orderflow/messaging-it");
            assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(first, "ce_subject")).isEqualTo(committed.toString());
            assertThat(header(first, "content-type")).isEqualTo("application/json");
            assertThat(header(first, "ce_sequence")).isEqualTo("1");
            assertThat(header(records.get(1), "ce_sequence")).isEqualTo("2");
            assertThat(header(first, "ce_correlationid")).isEqualTo(committed.toString());
            assertThat(Instant.parse(header(first, "ce_time"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(Traceparent.parse(header(first, "traceparent"))).isPresent();
            assertThat(MessageCodec.standard().decode(first.value(), StockReserved.class).orderId()).isEqualTo(committed);

            assertThat(reader.received(record -> record.key().equals(rolledBack.toString()))).isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from messaging.outbox where message_key = ?",
                    Integer.class, rolledBack.toString())).isZero();
        }
    }

    @Test
    void allocatesAKeysIdsInCommitOrderByMakingASecondAppenderWait() throws Exception {
        String key = "contended-" + UUID.randomUUID();
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> first = threads.submit(() -> transactions.execute(status -> {
                UUID earlier = outbox.append(key, 1, new ReleaseStock(UUID.randomUUID()));
                firstAppended.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> commitFirst.getCount() == 0);
                // Appended while the second appender waits: had that one drawn its id before waiting, this row's
                // id would be above it though it commits first.
                return List.of(earlier, outbox.append(key, 2, new ReleaseStock(UUID.randomUUID())));
            }));
            assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
            long waitingBefore = waitingAdvisoryLocks();
            Future<UUID> second = threads.submit(() -> transactions.execute(
                    status -> outbox.append(key, 3, new ReleaseStock(UUID.randomUUID()))));

            await().atMost(Duration.ofSeconds(20)).until(() -> waitingAdvisoryLocks() > waitingBefore);
            assertThat(second).isNotDone();
            commitFirst.countDown();

            List<UUID> firstRows = first.get(30, TimeUnit.SECONDS);
            long secondRow = rowId(second.get(30, TimeUnit.SECONDS));
            assertThat(rowId(firstRows.get(0))).isLessThan(rowId(firstRows.get(1)));
            assertThat(rowId(firstRows.get(1))).isLessThan(secondRow);
        } finally {
            commitFirst.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        UUID orderId = UUID.randomUUID();

        assertThatExceptionOfType(IllegalTransactionStateException.class)
                .isThrownBy(() -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));
    }

    @Test
    void aHandledMessagesRepliesCarryItsCorrelationCausationAndTrace() {
        UUID orderId = UUID.randomUUID();
        try (TopicReader reader = new TopicReader(Topics.INVENTORY_EVENTS)) {
            UUID commandId = transactions.execute(status -> outbox.append(orderId.toString(),
                    new ReserveStock(orderId, List.of(new StockLine("SKU-9", 3)))));

            ConsumerRecord<String, byte[]> reply = reader.awaitRecords(
                    record -> record.key().equals(orderId.toString()), 1, Duration.ofSeconds(20)).getFirst();

            assertThat(header(reply, "ce_type")).isEqualTo(StockReserved.TYPE);
            assertThat(header(reply, "ce_causationid")).isEqualTo(commandId.toString());
            assertThat(header(reply, "ce_correlationid")).isEqualTo(orderId.toString());
            Traceparent command = Traceparent.parse(jdbc.queryForObject(
                    "select traceparent from messaging.outbox where message_id = ?", String.class, commandId)).orElseThrow();
            Traceparent answer = Traceparent.parse(header(reply, "traceparent")).orElseThrow();
            Instant appended = jdbc.queryForObject("select occurred_at from messaging.outbox where message_id = ?",
                    OffsetDateTime.class, commandId).toInstant();
            // One trace: the command's span -> the relay's span sending the command -> the consumer span that
            // handled it -> the relay's span sending the reply, which the reply names as its parent.
            SpanData replySent = spans.awaitSpan(span -> span.getSpanId().equals(answer.parentId()),
                    Duration.ofSeconds(10));
            SpanData handling = spans.awaitSpan(span -> span.getSpanId().equals(replySent.getParentSpanId()),
                    Duration.ofSeconds(10));
            SpanData commandSent = spans.awaitSpan(span -> span.getSpanId().equals(handling.getParentSpanId()),
                    Duration.ofSeconds(10));
            assertThat(answer.traceId()).isEqualTo(command.traceId());
            assertThat(List.of(replySent, handling, commandSent)).extracting(SpanData::getTraceId)
                    .containsOnly(command.traceId());
            assertThat(replySent.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(replySent.getName()).isEqualTo(Topics.INVENTORY_EVENTS + " publish");
            assertThat(handling.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(handling.getName()).isEqualTo(Topics.INVENTORY_COMMANDS + " process");
            assertThat(handling.getAttributes().asMap()).containsEntry(
                    AttributeKey.stringKey("messaging.message.id"), commandId.toString());
            assertThat(commandSent.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(commandSent.getName()).isEqualTo(Topics.INVENTORY_COMMANDS + " publish");
            assertThat(commandSent.getParentSpanId()).as("the span that appended the command")
                    .isEqualTo(command.parentId());
            assertThat(commandSent.getAttributes().asMap()).containsEntry(
                    AttributeKey.stringKey("messaging.message.id"), commandId.toString());
            assertThat(commandSent.getStartEpochNanos()).as("from the append: its time in the outbox")
                    .isEqualTo(TimeUnit.MILLISECONDS.toNanos(appended.toEpochMilli()));
            assertThat(commandSent.getEndEpochNanos()).isGreaterThan(commandSent.getStartEpochNanos());
        }
    }

    @Test
    void aMessageCommittedWhileKafkaIsUnreachableIsPublishedOnceAfterTheRelayRestarts() throws Exception {
        UUID orderId = UUID.randomUUID();
        String nowhere = "127.0.0.1:" + freePort();
        relay.stop();
        OutboxRelay unreachable = new OutboxRelay("unreachable-relay", leaderConnections("unreachable-relay"),
                () -> producerFor(nowhere), fastFailing(), metrics);
        try (TopicReader reader = new TopicReader(Topics.INVENTORY_COMMANDS)) {
            double failuresBefore = failures();
            unreachable.start();
            await().atMost(Duration.ofSeconds(10)).until(unreachable::isActive);

            UUID id = transactions.execute(status -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));

            await().atMost(Duration.ofSeconds(20)).until(() -> failures() > failuresBefore);
            unreachable.stop();
            assertThat(publishedAt(id)).as("not marked published: Kafka never acknowledged it").isNull();

            relay.start();
            List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(
                    record -> record.key().equals(orderId.toString()), 1, Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(id) != null);
            assertThat(reader.received(record -> record.key().equals(orderId.toString())))
                    .hasSize(1)
                    .allSatisfy(record -> assertThat(header(record, "ce_id")).isEqualTo(id.toString()));
            assertThat(records).hasSize(1);
        } finally {
            unreachable.stop();
            relay.start();
        }
    }

    @Test
    void housekeepingPurgesPublishedRowsPastTheirRetentionAndCountsTheBacklog() {
        UUID orderId = UUID.randomUUID();
        UUID id = transactions.execute(status -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> publishedAt(id) != null);
        Housekeeping housekeeping = new Housekeeping(jdbc, new MessagingProperties.Housekeeping(Duration.ofMinutes(1),
                Duration.ZERO, Duration.ofDays(7), 2, Duration.ofSeconds(5)), metrics);

        assertThat(housekeeping.purgePublishedOutbox()).isPositive();
        housekeeping.refreshBacklog();

        assertThat(jdbc.queryForObject("select count(*) from messaging.outbox where message_id = ?", Integer.class, id))
                .isZero();
        assertThat(registry.get("orderflow.messaging.outbox.pending").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("orderflow.messaging.outbox.oldest.age").timeGauge()).isNotNull();
    }

    @Test
    void migratesItsOwnSchemaBesideTheApplications() {
        assertThat(jdbc.queryForObject("select count(*) from messaging.messaging_schema_history where success",
                Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .as("the application's own Flyway ran on its own schema").isPositive();
    }

    private long waitingAdvisoryLocks() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted",
                Long.class);
    }

    private long rowId(UUID messageId) {
        return jdbc.queryForObject("select id from messaging.outbox where message_id = ?", Long.class, messageId);
    }

    private Instant publishedAt(UUID id) {
        return jdbc.query("select published_at from messaging.outbox where message_id = ?",
                rs -> rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null, id);
    }

    private double failures() {
        return registry.find("orderflow.messaging.outbox.publish.failures").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private MessagingProperties.Relay fastFailing() {
        MessagingProperties.Relay relay = properties.relay();
        return new MessagingProperties.Relay(true, relay.batchSize(), relay.pollInterval(), true,
                Duration.ofMillis(200), Duration.ofSeconds(2), relay.linger());
    }

    static LeaderConnectionFactory leaderConnections(String name) {
        return LeaderConnectionFactory.of(RealInfrastructure.jdbcUrl(), RealInfrastructure.username(),
                RealInfrastructure.password(), name);
    }

    static KafkaProducer<String, byte[]> producerFor(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.last(record.headers(), name);
    }
}

package dev.orderflow.systemtests.messages;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.launcher.OrderflowService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Hostile records written straight to every topic a service consumes: malformed and oversized payloads, broken
 * CloudEvents envelopes, unknown types and payloads that break their record's rules. Each lands on
 * {@code <topic>.dlt} byte for byte with the cause, or is skipped where the contract says a tolerant reader skips
 * it, and never blocks its partition: real messages written after them on the same partition are handled.
 *
 * <p>Every poison goes to one partition {@code p} of its topic. A product whose SKU maps to {@code p} then
 * travels {@code inventory.products} after them, and an order whose id maps to {@code p} travels the same partition
 * of every saga topic (commands and replies are keyed by order id): if it is confirmed and its customer told,
 * nothing was blocked.
 */
class PoisonMessagesIT {

    /** What the contract says becomes of a hostile record. */
    enum Expect {
        /** Can never be handled: moved to {@code <topic>.dlt} at once, byte for byte, with the cause. */
        DEAD_LETTER,
        /** A type this consumer does not know: skipped and counted, as tolerant readers do (docs/contract.md 3.3). */
        SKIPPED
    }

    record Poison(String topic, String name, Expect expect, String key, byte[] value, Headers headers) {

        ProducerRecord<String, byte[]> record(int partition) {
            return new ProducerRecord<>(topic, partition, key, value, Envelope.copy(headers));
        }

        @Override
        public String toString() {
            return "'" + name + "' on " + topic;
        }
    }

    record Sent(Poison poison, int partition, long offset) {

        @Override
        public String toString() {
            return poison + " at " + poison.topic() + "-" + partition + "@" + offset;
        }
    }

    private static final MessageCodec CODEC = MessageCodec.standard();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String UNKNOWN_TYPES = "orderflow_messaging_consumer_unknown_types_total";

    private final LiveSystem system = LiveSystem.get();
    private final Wire wire = system.wire();

    @Test
    void deadLettersEveryPoisonOfEveryConsumedTopicAndKeepsEachPartitionMoving() {
        List<Sent> sent = poisonAndFollowUp(this::poisons, true);
        assertThat(sent).as("poisons sent").hasSizeGreaterThanOrEqualTo(25 * system.consumedTopics().size());
    }

    /**
     * A record the broker accepts must still fit its dead letter, which carries the exception headers too (the stack
     * trace alone is kilobytes). Before messaging declared its dead-letter topics larger than the consumed ones, the
     * copy did not fit, spring-kafka's recoverer threw, the error handler sought back to the record and the partition
     * was blocked for ever.
     */
    @Test
    void deadLettersARecordJustUnderTheBrokersLimitAndKeepsItsPartitionMoving() {
        poisonAndFollowUp((topic, keys) -> {
            List<Poison> poisons = new ArrayList<>();
            int oversized = wire.maxMessageBytes(topic) - 4 * 1024;
            new PoisonList(topic, keys, poisons).add("a " + oversized / 1024 + " KiB value, just under the broker's limit",
                    MessageCatalog.onTopic(topic).getFirst().name(),
                    key -> json("{\"padding\": \"" + "x".repeat(oversized - 20) + "\"}"));
            return poisons;
        }, false);
    }

    /**
     * Sends the poisons of every consumed topic to one partition, then a product and an order whose messages travel
     * that partition of every topic; checks that the follow-ups went through and each poison was dead-lettered or
     * skipped as the contract says. Answers what was sent.
     */
    private List<Sent> poisonAndFollowUp(BiFunction<String, Supplier<String>, List<Poison>> poisonsOf,
            boolean overTheLimitToo) {
        Map<String, OrderflowService> consumers = system.consumedTopics();
        assertThat(consumers.keySet()).as("topics the services consume, by their dead-letter endpoints")
                .isNotEmpty().allSatisfy(topic -> assertThat(covered(topic))
                        .as("%s is consumed by %s but this test sends it no poison and no follow-up: cover it",
                                topic, consumers.get(topic)).isTrue());
        int partition = ThreadLocalRandom.current().nextInt(consumers.keySet().stream()
                .mapToInt(wire::partitions).min().orElseThrow());
        Map<TopicPartition, Long> deadLettersBefore = wire.endOffsets(consumers.keySet().stream()
                .map(Topics::deadLetter).toList());
        Map<String, Double> skippedBefore = new HashMap<>();
        consumers.forEach((topic, service) -> skippedBefore.put(topic, system.counter(service, UNKNOWN_TYPES, topic)));

        List<Sent> sent = new ArrayList<>();
        for (String topic : consumers.keySet()) {
            for (Poison poison : poisonsOf.apply(topic, keysOn(topic, partition))) {
                RecordMetadata written = wire.send(poison.record(partition));
                sent.add(new Sent(poison, written.partition(), written.offset()));
            }
            if (overTheLimitToo) {
                refusesARecordOverTheBrokersLimit(topic, partition);
            }
        }

        // After the poisons, on the same partitions: a product, then orders, one of whose every message shares them.
        String sku = keysOn(Topics.INVENTORY_PRODUCTS, partition, () -> "MSG-" + hex(8)).get();
        diagnose(consumers, partition, sent, () -> system.createProduct(sku, "1.00", 100));
        List<String> placed = new ArrayList<>();
        String orderId = diagnosed(consumers, partition, sent, () -> orderOnPartition(partition, sku, placed));
        // On a loaded machine a saga may miss its deadline and end REJECTED/TIMED_OUT; that is the system working.
        // A blocked partition shows below: the consumers never get past the poison to the order's messages.
        JsonNode order = diagnosed(consumers, partition, sent, () -> await("order " + orderId + " on partition "
                + partition + " of every saga topic, placed after the poisons, to end")
                .atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> system.order(orderId), found -> !"PENDING".equals(found.path("status").asString())));
        Map<String, String> groups = consumers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().module()));
        diagnose(consumers, partition, sent, () -> await("every consumer past the poisons and order " + orderId
                + " (" + order.path("status").asString() + ") on partition " + partition)
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> wire.lag(groups).keySet().stream().noneMatch(behind -> behind.partition() == partition)));
        system.checks().invariantsHoldFor(placed, List.of(sku));

        List<Sent> deadLettered = sent.stream().filter(s -> s.poison().expect() == Expect.DEAD_LETTER).toList();
        Map<String, ConsumerRecord<String, byte[]>> letters = diagnosed(consumers, partition, sent,
                () -> await("every poison to be dead-lettered").atMost(PATIENCE).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> deadLetters(deadLettersBefore),
                                found -> deadLettered.stream().allMatch(s -> found.containsKey(position(s)))));
        for (Sent poison : sent) {
            ConsumerRecord<String, byte[]> letter = letters.get(position(poison));
            if (poison.poison().expect() == Expect.SKIPPED) {
                assertThat(letter).as("%s must be skipped, not dead-lettered", poison).isNull();
            } else {
                isTheOriginalWithItsCause(letter, poison);
            }
        }
        Set<String> followUps = new HashSet<>(placed);
        followUps.add(sku);
        assertThat(letters.values()).as("dead letters of the follow-ups (valid messages)")
                .noneMatch(letter -> followUps.contains(letter.key()));
        consumers.forEach((topic, service) -> {
            long skipped = sent.stream().filter(s -> s.poison().topic().equals(topic)
                    && s.poison().expect() == Expect.SKIPPED).count();
            assertThat(system.counter(service, UNKNOWN_TYPES, topic) - skippedBefore.get(topic))
                    .as("messages of unknown types %s counted on %s", service, topic).isGreaterThanOrEqualTo(skipped);
        });
        listedByTheDeadLettersEndpoint(consumers, deadLettered);
        seenByTheConsole(consumers, deadLettered, letters);
        nothingReachedTheCustomer(sent);
        system.assertEveryServiceReady();
        return sent;
    }

    // --- the poisons

    /** Whether this test knows a harmless message and a follow-up for the topic. */
    private static boolean covered(String topic) {
        return Topics.ALL.contains(topic) && !MessageCatalog.onTopic(topic).isEmpty()
                && harmless(topic, UUID.randomUUID().toString()) != null;
    }

    /**
     * A valid message of the topic that changes nothing anyone looks at (a release, refund or reply for an order
     * nobody placed, a product nobody sells): the payload of the envelope cases, so only the envelope is wrong.
     */
    private static Object harmless(String topic, String key) {
        return switch (topic) {
            case Topics.INVENTORY_COMMANDS -> new ReleaseStock(UUID.fromString(key));
            case Topics.INVENTORY_EVENTS -> new StockReleased(UUID.fromString(key), List.of());
            case Topics.INVENTORY_PRODUCTS -> new ProductUpdated(key, "poison", Money.of("1.00", "EUR"));
            case Topics.PAYMENTS_COMMANDS -> new RefundPayment(UUID.fromString(key), RejectionReason.TIMED_OUT);
            case Topics.PAYMENTS_EVENTS -> new PaymentRefunded(UUID.fromString(key), UUID.randomUUID(),
                    Money.of("1.00", "EUR"));
            case Topics.ORDERS_EVENTS -> new OrderCancelled(UUID.fromString(key), "c-poison",
                    RejectionReason.CUSTOMER_CANCELLED, Instant.now());
            default -> null;
        };
    }

    private List<Poison> poisons(String topic, Supplier<String> keys) {
        String type = MessageCatalog.onTopic(topic).getFirst().name();
        String harmlessType = MessageCatalog.of(harmless(topic, keys.get()).getClass()).name();
        String context = type.split("\\.")[2];
        String otherTopicsType = MessageCatalog.all().stream().filter(other -> !other.topic().equals(topic))
                .map(MessageType::name).findFirst().orElseThrow();
        List<Poison> poisons = new ArrayList<>();
        PoisonList list = new PoisonList(topic, keys, poisons);

        // Payloads that are not JSON, or not the record's JSON.
        list.add("malformed JSON", type, key -> json("{\"orderId\": \"" + key + "\", \"sku\": \"" + key + "\", \"lines\": ["));
        list.add("binary garbage", type, key -> new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x7F, (byte) 0x80, 0, 1});
        list.add("invalid UTF-8", type, key -> new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        list.add("a JSON array", type, key -> json("[1, 2, 3]"));
        list.add("a bare JSON string", type, key -> json("\"hello\""));
        list.add("JSON null", type, key -> json("null"));
        list.add("an empty object", type, key -> json("{}"));
        list.add("fields of the wrong types", type, key -> json("""
                {"orderId": 42, "sku": {"a": 1}, "name": [], "lines": "many", "shortages": {}, "customerId": [],
                 "amount": true, "price": "free", "total": 1, "reason": {}, "paymentId": false, "occurredAt": []}"""));
        list.add("nested 5,000 deep", type, key -> json("[".repeat(5_000) + "]".repeat(5_000)));
        list.add("a 512 KiB value", type, key -> json("{\"padding\": \"" + "x".repeat(512 * 1024) + "\"}"));
        list.add("an empty value", type, key -> new byte[0]);
        list.add("a null value (tombstone)", type, key -> null);
        // A valid payload in a broken envelope.
        list.addEnvelope("no CloudEvents headers at all", harmlessType, headers -> new RecordHeaders());
        list.addEnvelope("no ce_id", harmlessType, headers -> Envelope.with(headers, Envelope.ID, null));
        list.addEnvelope("a blank ce_id", harmlessType, headers -> Envelope.with(headers, Envelope.ID, "  "));
        list.addEnvelope("no ce_type", harmlessType, headers -> Envelope.with(headers, Envelope.TYPE, null));
        list.addEnvelope("no ce_source", harmlessType, headers -> Envelope.with(headers, Envelope.SOURCE, null));
        list.addEnvelope("ce_specversion 0.3", harmlessType, headers -> Envelope.with(headers, Envelope.SPEC_VERSION, "0.3"));
        list.addEnvelope("ce_specversion 2.0", harmlessType, headers -> Envelope.with(headers, Envelope.SPEC_VERSION, "2.0"));
        list.addEnvelope("no ce_specversion", harmlessType, headers -> Envelope.with(headers, Envelope.SPEC_VERSION, null));
        list.addEnvelope("ce_time 'yesterday'", harmlessType, headers -> Envelope.with(headers, Envelope.TIME, "yesterday"));
        list.addEnvelope("ce_time in epoch millis", harmlessType, headers -> Envelope.with(headers, Envelope.TIME, "1700000000000"));
        list.addEnvelope("ce_sequence 'seven'", harmlessType, headers -> Envelope.with(headers, Envelope.SEQUENCE, "seven"));
        list.addEnvelope("content-type text/plain", harmlessType, headers -> Envelope.with(headers, Envelope.CONTENT_TYPE, "text/plain"));

        // Types this consumer does not know: skipped before the payload is even read, so garbage is fine.
        list.add("an unknown ce_type", Expect.SKIPPED, "dev.orderflow." + context + ".NotInTheContract.v1",
                key -> json("not JSON"));
        list.add("the next schema version of a known type", Expect.SKIPPED, type.replaceFirst("\\.v1$", ".v2"),
                key -> json("not JSON either"));
        list.add("a type of another topic", Expect.SKIPPED, otherTopicsType, key -> json("[[["));

        // The record's own rules broken by a well-formed payload.
        brokenRules(topic, list);
        return poisons;
    }

    private static void brokenRules(String topic, PoisonList list) {
        String eur1 = "{\"amount\": \"1.00\", \"currency\": \"EUR\"}";
        switch (topic) {
            case Topics.INVENTORY_COMMANDS -> {
                list.add("ReserveStock of a negative quantity", "dev.orderflow.inventory.ReserveStock.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"lines\": [{\"sku\": \"SKU-001\", \"quantity\": -1}]}"));
                list.add("ReserveStock of 2.5 units", "dev.orderflow.inventory.ReserveStock.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"lines\": [{\"sku\": \"SKU-001\", \"quantity\": 2.5}]}"));
                list.add("ReserveStock of nothing", "dev.orderflow.inventory.ReserveStock.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"lines\": []}"));
                list.add("CommitStock of an order id that is no UUID", "dev.orderflow.inventory.CommitStock.v1", key ->
                        json("{\"orderId\": \"order-1\"}"));
            }
            case Topics.INVENTORY_EVENTS -> {
                list.add("StockReserved of 0 units", "dev.orderflow.inventory.StockReserved.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"lines\": [{\"sku\": \"SKU-001\", \"quantity\": 0}]}"));
                list.add("StockRejected with -1 available", "dev.orderflow.inventory.StockRejected.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"shortages\": [{\"sku\": \"SKU-001\", \"requested\": 1, \"available\": -1}]}"));
            }
            case Topics.INVENTORY_PRODUCTS -> {
                list.add("ProductUpdated priced 1E+400", "dev.orderflow.inventory.ProductUpdated.v1", key ->
                        json("{\"sku\": \"" + key + "\", \"name\": \"x\", \"price\": {\"amount\": \"1E+400\", \"currency\": \"EUR\"}}"));
                list.add("ProductUpdated priced 1.005", "dev.orderflow.inventory.ProductUpdated.v1", key ->
                        json("{\"sku\": \"" + key + "\", \"name\": \"x\", \"price\": {\"amount\": \"1.005\", \"currency\": \"EUR\"}}"));
                list.add("ProductUpdated in an unknown currency", "dev.orderflow.inventory.ProductUpdated.v1", key ->
                        json("{\"sku\": \"" + key + "\", \"name\": \"x\", \"price\": {\"amount\": \"1.00\", \"currency\": \"XBT\"}}"));
                list.add("ProductUpdated without a name", "dev.orderflow.inventory.ProductUpdated.v1", key ->
                        json("{\"sku\": \"" + key + "\", \"price\": " + eur1 + "}"));
            }
            case Topics.PAYMENTS_COMMANDS -> {
                list.add("AuthorizePayment of -10.00", "dev.orderflow.payment.AuthorizePayment.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-1001\", \"amount\": {\"amount\": \"-10.00\", \"currency\": \"EUR\"}}"));
                list.add("AuthorizePayment of 0.00", "dev.orderflow.payment.AuthorizePayment.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-1001\", \"amount\": {\"amount\": \"0.00\", \"currency\": \"EUR\"}}"));
                list.add("AuthorizePayment of 1E+400", "dev.orderflow.payment.AuthorizePayment.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-1001\", \"amount\": {\"amount\": \"1E+400\", \"currency\": \"EUR\"}}"));
                list.add("AuthorizePayment amount as a float", "dev.orderflow.payment.AuthorizePayment.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-1001\", \"amount\": {\"amount\": 0.1e-5, \"currency\": \"EUR\"}}"));
                list.add("RefundPayment for an unknown reason", "dev.orderflow.payment.RefundPayment.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"reason\": \"BECAUSE\"}"));
            }
            case Topics.PAYMENTS_EVENTS -> {
                list.add("PaymentDeclined with a reason ordinal", "dev.orderflow.payment.PaymentDeclined.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"reason\": 0, \"detail\": \"\"}"));
                list.add("PaymentAuthorized of 12.345", "dev.orderflow.payment.PaymentAuthorized.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"paymentId\": \"" + UUID.randomUUID()
                                + "\", \"amount\": {\"amount\": \"12.345\", \"currency\": \"EUR\"}}"));
                list.add("PaymentAuthorized without a payment id", "dev.orderflow.payment.PaymentAuthorized.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"amount\": " + eur1 + "}"));
            }
            case Topics.ORDERS_EVENTS -> {
                list.add("OrderPlaced without lines", "dev.orderflow.order.OrderPlaced.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-poison\", \"lines\": [], \"total\": "
                                + eur1 + ", \"occurredAt\": \"" + Instant.now() + "\"}"));
                list.add("OrderRejected for an unknown reason", "dev.orderflow.order.OrderRejected.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-poison\", \"reason\": \"MOON_PHASE\","
                                + " \"occurredAt\": \"" + Instant.now() + "\"}"));
                list.add("OrderConfirmed at a time that is no time", "dev.orderflow.order.OrderConfirmed.v1", key ->
                        json("{\"orderId\": \"" + key + "\", \"customerId\": \"c-poison\", \"total\": " + eur1
                                + ", \"occurredAt\": \"soon\"}"));
            }
            default -> throw new AssertionError("no broken-rules poisons for " + topic + ": cover it");
        }
    }

    /** Builds the poisons of one topic, each on a fresh key of the chosen partition. */
    private record PoisonList(String topic, Supplier<String> keys, List<Poison> poisons) {

        void add(String name, String type, Function<String, byte[]> value) {
            add(name, Expect.DEAD_LETTER, type, value);
        }

        void add(String name, Expect expect, String type, Function<String, byte[]> value) {
            String key = keys.get();
            poisons.add(new Poison(topic, name, expect, key, value.apply(key), Envelope.valid(type, key)));
        }

        void addEnvelope(String name, String type, UnaryOperator<Headers> broken) {
            String key = keys.get();
            poisons.add(new Poison(topic, name, Expect.DEAD_LETTER, key, CODEC.encode(harmless(topic, key)),
                    broken.apply(Envelope.valid(type, key))));
        }
    }

    /** Above the limit there is nothing to dead-letter: Kafka refuses the record, even from a willing producer. */
    private void refusesARecordOverTheBrokersLimit(String topic, int partition) {
        int limit = wire.maxMessageBytes(topic);
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        long endBefore = wire.endOffsets(List.of(topic)).get(topicPartition);
        try (KafkaProducer<String, byte[]> willing = wire.producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * limit, ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
            byte[] tooLarge = json("{\"padding\": \"" + "x".repeat(limit) + "\"}");
            assertThatThrownBy(() -> Wire.await(willing.send(new ProducerRecord<>(topic, partition,
                    keysOn(topic, partition).get(), tooLarge))))
                    .as("a %d byte record on %s (max.message.bytes %d)", tooLarge.length, topic, limit)
                    .isInstanceOf(Wire.SendFailed.class).cause().isInstanceOf(RecordTooLargeException.class);
        }
        assertThat(wire.endOffsets(List.of(topic)).get(topicPartition)).as("end of %s", topicPartition)
                .isEqualTo(endBefore);
    }

    // --- the follow-ups

    /**
     * Places orders until one's id maps to the partition (one in six does, with six partitions); they all count,
     * since every one of them must end well too. Customers take turns so no fraud limit is reached.
     */
    private String orderOnPartition(int partition, String sku, List<String> placed) {
        List<String> customers = List.of("c-1005", "c-1006", "c-1008", "c-1009", "c-1010");
        int partitions = wire.partitions(Topics.PAYMENTS_COMMANDS);
        for (int attempt = 0; attempt < 80; attempt++) {
            String orderId = system.placeAcceptedOrder(customers.get(attempt % customers.size()), Map.of(sku, 1));
            placed.add(orderId);
            if (Wire.partitionOf(orderId, partitions) == partition) {
                return orderId;
            }
        }
        throw new AssertionError("80 orders and none on partition " + partition + ": is the key still the order id?");
    }

    // --- what became of the poisons

    private Map<String, ConsumerRecord<String, byte[]>> deadLetters(Map<TopicPartition, Long> from) {
        Map<String, ConsumerRecord<String, byte[]>> byOrigin = new HashMap<>();
        for (ConsumerRecord<String, byte[]> letter : wire.readFrom(from)) {
            String topic = Envelope.text(letter.headers(), Envelope.DLT_ORIGINAL_TOPIC);
            Integer partition = Envelope.intHeader(letter.headers(), Envelope.DLT_ORIGINAL_PARTITION);
            Long offset = Envelope.longHeader(letter.headers(), Envelope.DLT_ORIGINAL_OFFSET);
            byOrigin.put(topic + "-" + partition + "@" + offset, letter);
        }
        return byOrigin;
    }

    private static String position(Sent sent) {
        return sent.poison().topic() + "-" + sent.partition() + "@" + sent.offset();
    }

    private static void isTheOriginalWithItsCause(ConsumerRecord<String, byte[]> letter, Sent sent) {
        Poison poison = sent.poison();
        assertThat(letter).as("dead letter of %s", sent).isNotNull();
        assertThat(letter.topic()).as("topic of the dead letter of %s", sent).isEqualTo(Topics.deadLetter(poison.topic()));
        assertThat(letter.key()).as("key of the dead letter of %s", sent).isEqualTo(poison.key());
        assertThat(letter.value() == null ? null : Arrays.hashCode(letter.value()))
                .as("bytes of the dead letter of %s (%s bytes sent, %s kept)", sent,
                        poison.value() == null ? null : poison.value().length,
                        letter.value() == null ? null : letter.value().length)
                .isEqualTo(poison.value() == null ? null : Arrays.hashCode(poison.value()));
        assertThat(Arrays.equals(letter.value(), poison.value())).as("bytes of the dead letter of %s", sent).isTrue();
        for (Header original : poison.headers()) {
            assertThat(Envelope.text(letter.headers(), original.key()))
                    .as("header %s kept on the dead letter of %s", original.key(), sent)
                    .isEqualTo(new String(original.value(), StandardCharsets.UTF_8));
        }
        assertThat(Envelope.text(letter.headers(), Envelope.DLT_EXCEPTION_FQCN))
                .as("exception recorded with the dead letter of %s", sent).isNotBlank();
        assertThat(letter.headers().lastHeader(Envelope.DLT_EXCEPTION_MESSAGE))
                .as("exception message recorded with the dead letter of %s", sent).isNotNull();
        assertThat(Envelope.text(letter.headers(), Envelope.DLT_EXCEPTION_STACKTRACE))
                .as("stack trace recorded with the dead letter of %s", sent).isNotBlank();
    }

    private void listedByTheDeadLettersEndpoint(Map<String, OrderflowService> consumers, List<Sent> deadLettered) {
        Map<OrderflowService, JsonNode> listed = new LinkedHashMap<>();
        for (OrderflowService service : Set.copyOf(consumers.values())) {
            listed.put(service, system.deadLetters(service));
        }
        for (Sent sent : deadLettered) {
            String deadLetterTopic = Topics.deadLetter(sent.poison().topic());
            JsonNode letters = listed.get(consumers.get(sent.poison().topic())).path(deadLetterTopic);
            List<JsonNode> matching = new ArrayList<>();
            letters.forEach(letter -> {
                if (letter.path("originalPartition").asInt(-1) == sent.partition()
                        && letter.path("originalOffset").asLong(-1) == sent.offset()) {
                    matching.add(letter);
                }
            });
            assertThat(matching).as("/actuator/deadletters of %s listing %s", consumers.get(sent.poison().topic()), sent)
                    .singleElement().satisfies(letter -> {
                        assertThat(letter.path("originalTopic").asString()).isEqualTo(sent.poison().topic());
                        assertThat(letter.path("reason").asString()).as("reason of %s", sent).isNotBlank();
                        assertThat(letter.path("key").asString()).isEqualTo(sent.poison().key());
                    });
        }
    }

    /** The console read every dead letter from its topic: where it is, who gave up on it, and why. */
    private void seenByTheConsole(Map<String, OrderflowService> consumers, List<Sent> deadLettered,
            Map<String, ConsumerRecord<String, byte[]>> letters) {
        for (Sent sent : deadLettered) {
            ConsumerRecord<String, byte[]> letter = letters.get(position(sent));
            JsonNode seen = await("the console to show the dead letter of " + sent).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> matching(system.get(OrderflowService.CONSOLE, "/api/console/dead-letters?topic="
                            + letter.topic() + "&limit=500").body(), letter), found -> found != null);
            assertThat(seen.path("consumerGroup").asString()).as("who gave up on %s", sent)
                    .isEqualTo(consumers.get(sent.poison().topic()).module());
            assertThat(seen.path("originalTopic").asString()).isEqualTo(sent.poison().topic());
            assertThat(seen.path("reason").asString()).as("reason of %s", sent).isNotBlank();
        }
    }

    private static JsonNode matching(JsonNode listed, ConsumerRecord<String, byte[]> letter) {
        return listed.valueStream().filter(seen -> seen.path("partition").asInt(-1) == letter.partition()
                && seen.path("offset").asLong(-1) == letter.offset()).findFirst().orElse(null);
    }

    /** The envelope poisons of orders.events carry a valid cancellation: had one been handled, a customer was told. */
    private void nothingReachedTheCustomer(List<Sent> sent) {
        for (Sent poison : sent) {
            if (poison.poison().topic().equals(Topics.ORDERS_EVENTS)) {
                assertThat(system.notifications(poison.poison().key())).as("notifications after %s", poison).isEmpty();
            }
        }
    }

    // --- diagnostics: when a follow-up does not come through, say which consumer stands still and on what

    private <T> T diagnosed(Map<String, OrderflowService> consumers, int partition, List<Sent> sent,
            Supplier<T> step) {
        try {
            return step.get();
        } catch (ConditionTimeoutException | AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "\n" + whereStuck(consumers, partition, sent), stuck);
        }
    }

    private void diagnose(Map<String, OrderflowService> consumers, int partition, List<Sent> sent, Runnable step) {
        diagnosed(consumers, partition, sent, () -> {
            step.run();
            return null;
        });
    }

    private String whereStuck(Map<String, OrderflowService> consumers, int partition, List<Sent> sent) {
        Map<String, String> groups = consumers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().module()));
        StringBuilder report = new StringBuilder("Consumers behind on partition " + partition + ":");
        wire.lag(groups).forEach((topicPartition, behind) -> {
            if (topicPartition.partition() != partition) {
                return;
            }
            long committed = Long.parseLong(behind.replaceAll(".* at (\\d+) of .*", "$1"));
            String poison = sent.stream().filter(s -> s.poison().topic().equals(topicPartition.topic())
                            && s.offset() == committed).map(Sent::toString).findFirst().orElse("no poison of this test");
            report.append("\n  ").append(topicPartition).append(": ").append(behind).append(", next record: ")
                    .append(poison);
        });
        return report.toString();
    }

    // --- keys

    /** Fresh keys that Kafka's default partitioner puts on the partition: order ids, or SKUs on the catalog topic. */
    private Supplier<String> keysOn(String topic, int partition) {
        return topic.equals(Topics.INVENTORY_PRODUCTS)
                ? keysOn(topic, partition, () -> "POISON-" + hex(8))
                : keysOn(topic, partition, () -> UUID.randomUUID().toString());
    }

    private Supplier<String> keysOn(String topic, int partition, Supplier<String> candidates) {
        int partitions = wire.partitions(topic);
        return () -> {
            String key;
            do {
                key = candidates.get();
            } while (Wire.partitionOf(key, partitions) != partition);
            return key;
        };
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length).toUpperCase();
    }

    private static byte[] json(String text) {
        return Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8);
    }
}

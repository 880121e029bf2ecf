package dev.orderflow.deployment;

import dev.orderflow.deployment.KafkaAccess.Acl;
import dev.orderflow.deployment.KafkaAccess.Usage;
import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod overlay's KafkaUsers, applied to a real broker that enforces them ({@link SecuredKafka}): each service
 * can do, as its own user, everything its clients do (the relay's idempotent producer on the topics it sends on; its
 * consumer group on the topics it receives from, committing offsets; dead letters written, listed and replayed; the
 * health check's cluster description), and cannot write a topic it has no business with or read with another
 * service's group. The console reads, and writes nothing; KEDA's lag reader reads committed and end offsets, and
 * nothing else.
 */
class KafkaAclsOnABrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> ALL_TOPICS = Stream.concat(Topics.ALL.stream(),
            Topics.ALL.stream().map(Topics::deadLetter)).toList();

    private static SecuredKafka kafka;
    private static Map<String, Usage> usage;

    @BeforeAll
    static void startBrokerWithTheOverlaysUsers() throws Exception {
        kafka = SecuredKafka.start();
        usage = KafkaAccess.usage();
        List<KubeObject> users = Rendered.overlay("prod").stream().filter(o -> "KafkaUser".equals(o.kind())).toList();
        kafka.createUsers(users.stream().map(KubeObject::name).toList());
        try (Admin admin = Admin.create(kafka.administrator())) {
            admin.createTopics(ALL_TOPICS.stream().map(topic -> new NewTopic(topic, 2, (short) 1)).toList())
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<AclBinding> bindings = new ArrayList<>();
            for (KubeObject user : users) {
                for (Acl acl : KafkaAccess.granted(user)) {
                    bindings.add(binding(user.name(), acl));
                }
            }
            admin.createAcls(bindings).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // The broker's authorizer takes ACLs from the metadata log a moment after the controller commits them.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (admin.describeAcls(AclBindingFilter.ANY).values().get().size() < bindings.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not apply " + bindings.size() + " ACLs");
                }
                Thread.onSpinWait();
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachServiceDoesWhatItsClientsDo() {
        return Repository.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Map<String, Object> credentials = kafka.user(service);
            Usage uses = usage.get(service);
            try (Admin admin = Admin.create(credentials)) {
                assertThat(admin.describeCluster().clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("the readiness check's cluster description").isNotBlank();
            }
            try (KafkaProducer<String, String> producer = producer(credentials)) {
                for (String topic : uses.sends()) {
                    send(producer, topic, "relayed by " + service);
                }
            }
            for (Map.Entry<String, String> received : uses.groupByReceivedTopic().entrySet()) {
                String topic = received.getKey();
                String deadLetters = Topics.deadLetter(topic);
                try (KafkaProducer<String, String> producer = producer(kafka.administrator())) {
                    send(producer, topic, "for " + service);
                }
                try (KafkaConsumer<String, String> consumer = consumer(credentials, received.getValue())) {
                    consumer.subscribe(List.of(topic));
                    assertThat(pollUntilRecords(consumer)).as("records of %s read by group %s", topic,
                            received.getValue()).isNotEmpty();
                    consumer.commitSync(TIMEOUT);
                }
                try (KafkaProducer<String, String> producer = producer(credentials)) {
                    send(producer, deadLetters, "dead letter of " + service);
                    send(producer, topic, "replayed by " + service);
                }
                try (KafkaConsumer<String, String> reader = consumer(credentials, null)) {
                    List<TopicPartition> partitions = reader.partitionsFor(deadLetters, TIMEOUT).stream()
                            .map(p -> new TopicPartition(deadLetters, p.partition())).toList();
                    reader.assign(partitions);
                    reader.seekToBeginning(partitions);
                    assertThat(reader.endOffsets(partitions, TIMEOUT).values()).as("end offsets of %s", deadLetters)
                            .anyMatch(offset -> offset > 0);
                    assertThat(pollUntilRecords(reader)).as("dead letters listed from %s", deadLetters).isNotEmpty();
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachServiceWritesNoTopicItHasNoBusinessWith() {
        return Repository.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Usage uses = usage.get(service);
            Set<String> writable = Stream.concat(uses.sends().stream(), uses.groupByReceivedTopic().keySet().stream()
                    .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))).collect(Collectors.toSet());
            List<String> forbidden = ALL_TOPICS.stream().filter(topic -> !writable.contains(topic)).toList();
            assertThat(forbidden).isNotEmpty();
            try (KafkaProducer<String, String> producer = producer(kafka.user(service))) {
                for (String topic : forbidden) {
                    assertThatThrownBy(() -> send(producer, topic, "forged by " + service))
                            .as("%s writing %s", service, topic).hasCauseInstanceOf(TopicAuthorizationException.class);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachServiceReadsWithNoOtherServicesGroup() {
        return Repository.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Map.Entry<String, String> own = usage.get(service).groupByReceivedTopic().entrySet().iterator().next();
            String otherGroup = usage.entrySet().stream().filter(e -> !e.getKey().equals(service))
                    .flatMap(e -> e.getValue().groupByReceivedTopic().values().stream()).findFirst().orElseThrow();
            try (KafkaConsumer<String, String> consumer = consumer(kafka.user(service), otherGroup)) {
                consumer.subscribe(List.of(own.getKey()));
                assertThatThrownBy(() -> pollUntilRecords(consumer)).as("%s in group %s", service, otherGroup)
                        .isInstanceOf(GroupAuthorizationException.class);
            }
        }));
    }

    @Test
    void theLagReaderReadsOffsetsAndNothingElse() throws Exception {
        Map<String, Object> credentials = kafka.user(KafkaAccess.LAG_READER);
        try (Admin admin = Admin.create(credentials)) {
            for (Usage uses : usage.values().stream().filter(Usage::deadLetters).toList()) {
                for (Map.Entry<String, String> received : uses.groupByReceivedTopic().entrySet()) {
                    admin.listConsumerGroupOffsets(received.getValue()).partitionsToOffsetAndMetadata()
                            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    TopicPartition partition = new TopicPartition(received.getKey(), 0);
                    assertThat(admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).offset()).isNotNegative();
                }
            }
        }
        try (KafkaProducer<String, String> producer = producer(credentials)) {
            // Refused before any topic is named: an idempotent producer needs Write on some topic to get its id.
            assertThatThrownBy(() -> send(producer, Topics.ORDERS_EVENTS, "forged")).cause()
                    .isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(credentials, "order-service")) {
            consumer.subscribe(List.of(Topics.INVENTORY_EVENTS));
            assertThatThrownBy(() -> pollUntilRecords(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /**
     * The console reads the saga's topics and every dead-letter topic with its own group, committing its offsets, and
     * every group's committed and end offsets for the lag it shows; it writes no topic, not even with a plain
     * (non-idempotent) producer, and reads with no service's group.
     */
    @Test
    void theConsoleReadsTheSagaTheDeadLettersAndEveryGroupsLagAndWritesNothing() throws Exception {
        Map<String, Object> credentials = kafka.user(KafkaAccess.CONSOLE);
        Usage uses = usage.get(KafkaAccess.CONSOLE);
        String group = uses.deadLetterGroup().orElseThrow();
        Set<String> observed = Stream.concat(uses.groupByReceivedTopic().keySet().stream(),
                Topics.ALL.stream().map(Topics::deadLetter)).collect(Collectors.toSet());
        try (KafkaProducer<String, String> producer = producer(kafka.administrator())) {
            for (String topic : observed) {
                send(producer, topic, "observed by the console");
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(credentials, group)) {
            consumer.subscribe(observed);
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!seen.containsAll(observed) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.topic()));
            }
            assertThat(seen).as("topics the console read with group %s", group).containsAll(observed);
            consumer.commitSync(TIMEOUT);
        }
        try (Admin admin = Admin.create(credentials)) {
            assertThat(admin.describeCluster().clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
            Set<String> groups = usage.values().stream().flatMap(u -> Stream.concat(
                    u.groupByReceivedTopic().values().stream(), u.deadLetterGroup().stream())).collect(Collectors.toSet());
            for (String lagOf : groups) {
                admin.listConsumerGroupOffsets(lagOf).partitionsToOffsetAndMetadata()
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            Map<TopicPartition, OffsetSpec> ends = ALL_TOPICS.stream()
                    .collect(Collectors.toMap(topic -> new TopicPartition(topic, 0), topic -> OffsetSpec.latest()));
            assertThat(admin.listOffsets(ends).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasSize(ends.size());
        }
        Map<String, Object> plain = new HashMap<>(credentials);
        plain.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        plain.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(plain, new StringSerializer(),
                new StringSerializer())) {
            for (String topic : ALL_TOPICS) {
                assertThatThrownBy(() -> send(producer, topic, "forged by the console")).as("the console writing %s",
                        topic).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(credentials, "order-service")) {
            consumer.subscribe(List.of(Topics.INVENTORY_EVENTS));
            assertThatThrownBy(() -> pollUntilRecords(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static AclBinding binding(String user, Acl acl) {
        ResourceType type = switch (acl.resourceType()) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            default -> throw new IllegalArgumentException("resource type " + acl.resourceType());
        };
        AclOperation operation = AclOperation.fromString(acl.operation().toUpperCase(Locale.ROOT));
        return new AclBinding(new ResourcePattern(type, acl.name(), PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** Like the relay's producer: idempotent, every replica acknowledges. */
    private static KafkaProducer<String, String> producer(Map<String, Object> credentials) {
        Map<String, Object> settings = new HashMap<>(credentials);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 3);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** A consumer of a group, or (group null) a group-less reader that assigns itself partitions. */
    private static KafkaConsumer<String, String> consumer(Map<String, Object> credentials, String group) {
        Map<String, Object> settings = new HashMap<>(credentials);
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String value)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        producer.send(new ProducerRecord<>(topic, "key", value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConsumerRecords<String, String> pollUntilRecords(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return records;
            }
        }
        return ConsumerRecords.empty();
    }
}

package dev.orderflow.events;

import dev.orderflow.events.inventory.ProductEvent;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps {@code asyncapi.yaml}, the contract people read, in step with the records, the contract the code uses:
 * every catalog type is a message with its type name on the channel of its topic, every channel is a real topic,
 * and every payload schema has exactly the record's components, typed as the codec writes them.
 */
class AsyncApiDocumentTest {

    private static final Map<String, Object> DOCUMENT = load("/asyncapi.yaml");

    /** Components a producer may leave out; every other component is required on the wire. */
    private static final Map<Class<?>, Set<String>> OPTIONAL_COMPONENTS = Map.of(
            PaymentDeclined.class, Set.of("detail", "screening"),
            PaymentAuthorized.class, Set.of("screening"),
            AuthorizePayment.class, Set.of("basket"));

    /** docs/contract.md section 3.2: the envelope of every message, CloudEvents 1.0 in Kafka binary mode. */
    private static final Set<String> ENVELOPE_HEADERS = Set.of("ce_id", "ce_type", "ce_source", "ce_specversion",
            "ce_time", "ce_subject", "content-type", "ce_sequence", "ce_correlationid", "ce_causationid", "traceparent");
    private static final Set<String> OPTIONAL_HEADERS = Set.of("ce_sequence", "ce_causationid");

    private static final String SHARED_HEADERS = "#/components/schemas/CloudEventHeaders";
    private static final String DEAD_LETTER_CHANNEL = "deadLetters";

    static Stream<Named<MessageType>> catalog() {
        return MessageCatalog.all().stream().map(type -> Named.of(type.name(), type));
    }

    @Test
    void isAnAsyncApi3DocumentOfOrderflowOnKafka() {
        assertThat(DOCUMENT.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(map(DOCUMENT, "info").get("title")).isEqualTo("orderflow");
        assertThat(map(map(DOCUMENT, "servers"), "local").get("protocol")).isEqualTo("kafka");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void documentsEveryTypeAsAMessageNamedByItsType(MessageType type) {
        assertThat(messagePointersNamed(type.name())).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void givesEveryMessageTheSharedEnvelopeWithItsOwnCeType(MessageType type) {
        List<Map<String, Object>> headerParts = list(map(message(type), "headers"), "allOf");

        assertThat(headerParts).extracting(part -> part.get("$ref")).contains(SHARED_HEADERS);
        assertThat(headerParts)
                .filteredOn(part -> part.containsKey("properties"))
                .extracting(part -> map(map(part, "properties"), "ce_type").get("const"))
                .containsExactly(type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void putsEveryMessageOnTheChannelOfItsTopicAndNowhereElse(MessageType type) {
        String pointer = messagePointersNamed(type.name()).getFirst();

        List<String> addresses = channels().values().stream()
                .filter(channel -> map(channel, "messages").values().stream()
                        .anyMatch(reference -> pointer.equals(((Map<?, ?>) reference).get("$ref"))))
                .map(channel -> (String) channel.get("address"))
                .toList();

        assertThat(addresses).containsExactly(type.topic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void describesThePayloadWithExactlyTheComponentsOfTheRecord(MessageType type) {
        assertDescribes(map(message(type), "payload"), type.payloadType(), type.payloadType().getSimpleName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void keysEveryMessageByItsAggregateId(MessageType type) {
        String aggregateId = ProductEvent.class.isAssignableFrom(type.payloadType()) ? "sku" : "orderId";
        Map<String, Object> payload = resolve(map(message(type), "payload"));

        Map<String, Object> key = map(map(map(message(type), "bindings"), "kafka"), "key");

        assertThat(resolve(key)).isEqualTo(resolve(map(map(payload, "properties"), aggregateId)));
    }

    @Test
    void documentsEveryTopicAsAChannelAndNoOtherTopic() {
        List<Object> addresses = channels().entrySet().stream()
                .filter(channel -> !channel.getKey().equals(DEAD_LETTER_CHANNEL))
                .map(channel -> channel.getValue().get("address"))
                .toList();

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void documentsDeadLetterTopicsAsTheCodeNamesThem() {
        Map<String, Object> deadLetters = channels().get(DEAD_LETTER_CHANNEL);
        assertThat(deadLetters).as("channel %s", DEAD_LETTER_CHANNEL).isNotNull();

        assertThat(deadLetters.get("address")).isEqualTo(Topics.deadLetter("{topic}"));
        assertThat(list(map(map(deadLetters, "parameters"), "topic"), "enum"))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void carriesOnlyCatalogMessagesOnTheTopics() {
        Set<String> catalogNames = MessageCatalog.all().stream().map(MessageType::name).collect(Collectors.toSet());

        channels().forEach((id, channel) -> {
            if (!id.equals(DEAD_LETTER_CHANNEL)) {
                assertThat(map(channel, "messages").values())
                        .as("messages of channel %s", id)
                        .extracting(reference -> resolve(asMap(reference)).get("name"))
                        .allMatch(catalogNames::contains);
            }
        });
    }

    @Test
    void declaresEveryEnvelopeHeaderInOneSharedSchema() {
        Map<String, Object> headers = resolve(Map.of("$ref", SHARED_HEADERS));

        assertThat(map(headers, "properties").keySet()).containsExactlyInAnyOrderElementsOf(ENVELOPE_HEADERS);
        assertThat(list(headers, "required")).containsExactlyInAnyOrderElementsOf(
                ENVELOPE_HEADERS.stream().filter(header -> !OPTIONAL_HEADERS.contains(header)).toList());
    }

    @Test
    void givesEveryTopicOneProducingServiceAndAtLeastOneConsumer() {
        for (String topic : Topics.ALL) {
            List<Map<String, Object>> operations = operationsOn(topic);

            assertThat(operations).as("services sending on %s", topic)
                    .filteredOn(operation -> "send".equals(operation.get("action")))
                    .hasSize(1);
            assertThat(operations).as("services receiving from %s", topic)
                    .filteredOn(operation -> "receive".equals(operation.get("action")))
                    .isNotEmpty();
        }
    }

    @Test
    void sendsEveryMessageFromTheProducerOfItsTopic() {
        for (MessageType type : MessageCatalog.all()) {
            Map<String, Object> producer = operationsOn(type.topic()).stream()
                    .filter(operation -> "send".equals(operation.get("action")))
                    .findFirst().orElseThrow();

            assertThat(list(producer, "messages"))
                    .as("messages sent on %s", type.topic())
                    .extracting(reference -> resolve(asMap(reference)).get("name"))
                    .contains(type.name());
        }
    }

    @Test
    void letsOperationsUseOnlyMessagesOfTheirOwnChannel() {
        map(DOCUMENT, "operations").forEach((id, value) -> {
            Map<String, Object> operation = asMap(value);
            String channel = (String) map(operation, "channel").get("$ref");
            assertThat(list(operation, "messages"))
                    .as("messages of operation %s", id)
                    .extracting(reference -> (String) asMap(reference).get("$ref"))
                    .allMatch(reference -> reference.startsWith(channel + "/messages/"));
        });
    }

    /** Asserts that a JSON schema describes a Java type exactly as the codec writes and reads it. */
    private static void assertDescribes(Map<String, Object> schemaOrReference, Type javaType, String where) {
        Map<String, Object> schema = resolve(schemaOrReference);
        Class<?> raw = javaType instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) javaType;

        if (raw == List.class) {
            assertThat(schema.get("type")).as(where).isEqualTo("array");
            Type element = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            assertDescribes(map(schema, "items"), element, where + "[]");
        } else if (raw.isRecord()) {
            assertDescribesRecord(schema, raw, where);
        } else if (raw.isEnum()) {
            assertThat(schema.get("type")).as(where).isEqualTo("string");
            assertThat(list(schema, "enum")).as(where + " values")
                    .containsExactlyElementsOf(Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        } else if (raw == UUID.class) {
            assertThat(schema).as(where).containsEntry("type", "string").containsEntry("format", "uuid");
        } else if (raw == Instant.class) {
            assertThat(schema).as(where).containsEntry("type", "string").containsEntry("format", "date-time");
        } else if (raw == String.class || raw == BigDecimal.class) {
            assertThat(schema).as(where).containsEntry("type", "string");
        } else if (raw == int.class || raw == long.class) {
            assertThat(schema).as(where).containsEntry("type", "integer");
        } else if (raw == double.class) {
            assertThat(schema).as(where).containsEntry("type", "number");
        } else {
            fail("%s: no JSON schema mapping known for %s; teach this test how the codec writes it", where, raw);
        }
    }

    private static void assertDescribesRecord(Map<String, Object> schema, Class<?> record, String where) {
        RecordComponent[] components = record.getRecordComponents();
        Set<String> optional = OPTIONAL_COMPONENTS.getOrDefault(record, Set.of());
        Map<String, Object> properties = map(schema, "properties");

        assertThat(schema.get("type")).as(where).isEqualTo("object");
        assertThat(properties.keySet()).as("properties of %s", where)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(components).map(RecordComponent::getName).toList());
        assertThat(schema.containsKey("required") ? list(schema, "required") : List.of())
                .as("required properties of %s", where)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(components)
                        .map(RecordComponent::getName)
                        .filter(name -> !optional.contains(name))
                        .toList());
        for (RecordComponent component : components) {
            assertDescribes(map(properties, component.getName()), component.getGenericType(),
                    where + "." + component.getName());
        }
    }

    private static Map<String, Object> message(MessageType type) {
        return resolve(Map.of("$ref", messagePointersNamed(type.name()).getFirst()));
    }

    private static List<String> messagePointersNamed(String name) {
        return map(map(DOCUMENT, "components"), "messages").entrySet().stream()
                .filter(message -> name.equals(asMap(message.getValue()).get("name")))
                .map(message -> "#/components/messages/" + message.getKey())
                .toList();
    }

    private static Map<String, Map<String, Object>> channels() {
        return map(DOCUMENT, "channels").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, channel -> asMap(channel.getValue())));
    }

    private static List<Map<String, Object>> operationsOn(String topic) {
        return map(DOCUMENT, "operations").values().stream()
                .map(AsyncApiDocumentTest::asMap)
                .filter(operation -> topic.equals(resolve(map(operation, "channel")).get("address")))
                .toList();
    }

    /** Follows {@code $ref} pointers inside the document until it reaches the schema or object itself. */
    private static Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> current = node;
        for (int hops = 0; current.containsKey("$ref"); hops++) {
            assertThat(hops).as("$ref chain too long at %s", current).isLessThan(10);
            String pointer = (String) current.get("$ref");
            assertThat(pointer).as("only local references").startsWith("#/");
            Object target = DOCUMENT;
            for (String step : pointer.substring(2).split("/")) {
                target = asMap(target).get(step.replace("~1", "/").replace("~0", "~"));
                if (target == null) {
                    fail("dangling reference " + pointer);
                }
            }
            current = asMap(target);
        }
        return current;
    }

    private static Map<String, Object> map(Map<String, Object> node, String key) {
        Object value = node.get(key);
        if (value == null) {
            fail("missing '%s' in %s", key, node.keySet());
        }
        return asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        if (!(value instanceof List<?>)) {
            fail("'%s' is not a list in %s", key, node.keySet());
        }
        return (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            fail("not an object: " + node);
        }
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

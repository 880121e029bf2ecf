package dev.orderflow.events.wire;

import dev.orderflow.events.ContractFixtures;
import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Freezes the wire format: every message type has a golden JSON file, the canonical instance encodes to exactly
 * that (compared as JSON, not as text), and the file decodes back to the same record, also with fields added
 * by some later version of the producer.
 */
class GoldenJsonTest {

    private final MessageCodec codec = MessageCodec.standard();

    static Stream<Named<MessageType>> catalog() {
        return MessageCatalog.all().stream().map(type -> Named.of(type.name(), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void encodesTheCanonicalMessageExactlyAsFrozen(MessageType type) {
        JsonNode encoded = codec.tree(codec.encode(canonical(type)));

        assertThat(encoded)
                .as("%s is no longer encoded as %s/%s; it would now travel as:%n%s",
                        type.name(), GoldenJson.DIRECTORY, GoldenJson.fileName(type), GoldenJson.pretty(encoded))
                .isEqualTo(golden(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void decodesTheFrozenJsonToTheCanonicalMessage(MessageType type) {
        Object decoded = codec.decode(goldenBytes(type), type.payloadType());

        assertThat(decoded).isEqualTo(canonical(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void ignoresFieldsItDoesNotKnowAtAnyDepth(MessageType type) {
        JsonNode fromALaterProducer = withUnknownFieldInEveryObject(golden(type));

        Object decoded = codec.decode(fromALaterProducer.toString().getBytes(StandardCharsets.UTF_8), type.payloadType());

        assertThat(decoded).isEqualTo(canonical(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void keepsTheGoldenFileInOneStableLayout(MessageType type) {
        String text = new String(goldenBytes(type), StandardCharsets.UTF_8);

        assertThat(text)
                .as("layout of %s (reformat it, do not change its content)", GoldenJson.fileName(type))
                .isEqualTo(GoldenJson.pretty(golden(type)));
    }

    @Test
    void freezesEveryCatalogTypeAndNothingElse() {
        Set<String> expected = MessageCatalog.all().stream().map(GoldenJson::fileName).collect(Collectors.toSet());

        assertThat(GoldenJson.fileNames())
                .as("golden files must match the catalog one to one (a renamed type name is a new type)")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(MessageCatalog.all())
                .as("every catalog type needs a canonical instance in ContractFixtures")
                .allSatisfy(type -> assertThat(ContractFixtures.canonical(type)).isPresent());
    }

    private static Object canonical(MessageType type) {
        Object message = ContractFixtures.canonical(type)
                .orElseGet(() -> fail("ContractFixtures has no canonical " + type.payloadType().getSimpleName()));
        assertThat(message).isInstanceOf(type.payloadType());
        return message;
    }

    private JsonNode golden(MessageType type) {
        return codec.tree(goldenBytes(type));
    }

    private byte[] goldenBytes(MessageType type) {
        return GoldenJson.read(type).orElseGet(() -> fail(
                "%s is not frozen yet. If this is the wire format you mean to publish, save it as %s/%s:%n%s",
                type.name(), GoldenJson.DIRECTORY, GoldenJson.fileName(type),
                GoldenJson.pretty(codec.tree(codec.encode(canonical(type))))));
    }

    private static JsonNode withUnknownFieldInEveryObject(JsonNode node) {
        JsonNode copy = node.deepCopy();
        addUnknownFields(copy);
        return copy;
    }

    private static void addUnknownFields(JsonNode node) {
        node.values().forEach(GoldenJsonTest::addUnknownFields);
        if (node instanceof ObjectNode object) {
            ObjectNode unknown = JsonNodeFactory.instance.objectNode();
            unknown.put("note", "added in a later version");
            unknown.putArray("list").add(1).add("two");
            object.set("addedLater", unknown);
        }
    }
}

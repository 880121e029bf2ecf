package dev.orderflow.localstack.contract;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The OpenAPI document of a service as committed under {@code docs/openapi/}, held to the one the running service
 * serves at {@code /v3/api-docs}. A service's integration test calls {@link #check} with what it was served: it
 * fails when the two differ, naming the command that writes the served one over the committed one, so a change of
 * the REST API is always a change of the committed contract too, seen in review.
 *
 * <p>Both are compared in one canonical form: keys sorted, two-space indent, without {@code servers} (which names
 * the test's random port).
 */
public final class CommittedApiDocument {

    /** With {@code -Dorderflow.openapi.update=true} the check writes the served document instead of comparing. */
    public static final String UPDATE_PROPERTY = "orderflow.openapi.update";

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final String service;
    private final Path committed;

    private CommittedApiDocument(String service, Path committed) {
        this.service = service;
        this.committed = committed;
    }

    /** The committed document of {@code service} (e.g. {@code order-service}), seen from that module's directory. */
    public static CommittedApiDocument of(String service) {
        return new CommittedApiDocument(service, Path.of("..", "docs", "openapi", service + ".json"));
    }

    /** Throws {@link AssertionError} when {@code servedJson} is not, canonically, the committed document. */
    public void check(String servedJson) {
        String served = canonical(servedJson);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(committed, served);
            return;
        }
        String expected = Files.exists(committed) ? read(committed) : "";
        if (!expected.equals(served)) {
            Path actual = Path.of("target", "openapi", service + ".json");
            write(actual, served);
            throw new AssertionError("""
                    The OpenAPI document %s serves differs from the committed %s (served one: %s).
                    If the REST API changed on purpose, commit the new document: ./mvnw -pl %s verify \
                    -Dit.test=OpenApiDocumentIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -D%s=true"""
                    .formatted(service, committed.normalize(), actual, service, UPDATE_PROPERTY));
        }
    }

    static String canonical(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = CANONICAL.readValue(json, Map.class);
        document.remove("servers");
        return CANONICAL.writeValueAsString(document) + "\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

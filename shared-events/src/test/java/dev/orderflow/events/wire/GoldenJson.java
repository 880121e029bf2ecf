package dev.orderflow.events.wire;

import dev.orderflow.events.MessageType;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The frozen wire format: one pretty-printed JSON file per message type, named by its wire type name. */
final class GoldenJson {

    static final String DIRECTORY = "src/test/resources/golden";

    /** Two-space indent, {@code "name": value}, one array element per line, LF only: what an editor would write. */
    private static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .build();

    private GoldenJson() {
    }

    static String fileName(MessageType type) {
        return type.name() + ".json";
    }

    /** The frozen bytes of a type, or empty when nobody froze it yet. */
    static Optional<byte[]> read(MessageType type) {
        try (InputStream in = GoldenJson.class.getResourceAsStream("/golden/" + fileName(type))) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of every file in the golden directory (as copied to the test classpath). */
    static Set<String> fileNames() {
        URL directory = GoldenJson.class.getResource("/golden");
        if (directory == null) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The layout every golden file is written in, ending with a newline. */
    static String pretty(JsonNode json) {
        return PRETTY.writeValueAsString(json) + "\n";
    }
}

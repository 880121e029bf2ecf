package dev.orderflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The secrets docker compose reads from {@code .env}, as {@code ./orderflow env} names them ({@code COMPOSE_SECRETS}
 * in the script), and a placeholder env file with each of them, to render the compose file with.
 */
final class ComposeSecrets {

    static final String PLACEHOLDER = "placeholder-for-deployment-checks";

    private static final Pattern DECLARATION = Pattern.compile("COMPOSE_SECRETS=\\(([^)]*)\\)");

    private ComposeSecrets() {
    }

    /** The names, in the order the script writes them. */
    static List<String> names() {
        Matcher declaration = DECLARATION.matcher(Repository.read(Repository.path("orderflow")));
        if (!declaration.find()) {
            throw new AssertionError("./orderflow declares no COMPOSE_SECRETS=(...)");
        }
        return List.of(declaration.group(1).trim().split("\\s+"));
    }

    /** An env file with a placeholder for every secret, under target/. */
    static synchronized Path placeholderEnvFile() {
        Path file = Repository.workDirectory().resolve("placeholder-secrets.env");
        String lines = names().stream().map(name -> name + "=" + PLACEHOLDER)
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            return Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret is written in docker-compose.yml: every password and secret comes from {@code .env}, which
 * {@code ./orderflow env} makes with random values, readable by its owner only, once (a second run keeps it), and
 * git ignores. The file names exactly the secrets the command makes, and compose refuses to start without them.
 */
class ComposeSecretsTest {

    private static final Pattern SECRET_SETTING = Pattern.compile(
            "^\\s*([A-Z_]*(PASSWORD|SECRET)[A-Z_]*):\\s*(.*)$", Pattern.MULTILINE);
    private static final Pattern FROM_ENV = Pattern.compile("\\$\\{([A-Z_]+):\\?run \\./orderflow env first}");

    @Test
    void everyPasswordAndSecretInTheComposeFileComesFromTheEnvFileAndNoneIsALiteral() {
        String compose = Repository.read(Repository.path("docker-compose.yml"));
        Set<String> used = new LinkedHashSet<>();
        Matcher setting = SECRET_SETTING.matcher(compose);
        int settings = 0;
        while (setting.find()) {
            settings++;
            Matcher fromEnv = FROM_ENV.matcher(setting.group(3).trim());
            assertThat(fromEnv.matches()).as("%s must come from .env as ${NAME:?run ./orderflow env first}, not %s",
                    setting.group(1), setting.group(3)).isTrue();
            used.add(fromEnv.group(1));
        }
        Matcher anyReference = FROM_ENV.matcher(compose);
        while (anyReference.find()) {
            used.add(anyReference.group(1));
        }

        assertThat(settings).as("passwords and secrets found in the file").isGreaterThanOrEqualTo(10);
        assertThat(used).as("the secrets the file reads are those ./orderflow env makes")
                .containsExactlyInAnyOrderElementsOf(ComposeSecrets.names());
    }

    @Test
    void theRenderedFileCarriesTheSecretsOfTheEnvFile() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");

        assertThat(Tree.at(services, "postgres.environment.POSTGRES_PASSWORD")).isEqualTo(ComposeSecrets.PLACEHOLDER);
        assertThat(Tree.at(services, "auth-server.environment.ORDERFLOW_AUTH_OPERATOR_SECRET"))
                .isEqualTo(ComposeSecrets.PLACEHOLDER);
        assertThat(Tree.at(services, "order-service.environment.SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(ComposeSecrets.PLACEHOLDER);
    }

    @Test
    void composeRefusesToStartWithoutTheEnvFileAndSaysWhatToRun(@TempDir Path empty) throws IOException {
        Path emptyEnv = Files.writeString(empty.resolve("empty.env"), "");

        Command.Result result = Command.run(Repository.root(), "docker-compose", "--file", "docker-compose.yml",
                "--env-file", emptyEnv.toString(), "config");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("run ./orderflow env first");
    }

    @Test
    void orderflowEnvMakesRandomOwnerOnlySecretsOnceAndKeepsThem(@TempDir Path checkout) throws IOException {
        Path script = Files.copy(Repository.path("orderflow"), checkout.resolve("orderflow"));

        Command.run(checkout, "bash", script.toString(), "env").orFail();
        Path env = checkout.resolve(".env");
        String first = Files.readString(env);
        Command.run(checkout, "bash", script.toString(), "env").orFail();
        Command.run(checkout, "bash", script.toString(), "env").orFail();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String line : first.lines().filter(line -> !line.startsWith("#")).toList()) {
            secrets.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertThat(secrets.keySet()).containsExactlyElementsOf(ComposeSecrets.names());
        assertThat(secrets.values()).allSatisfy(value -> assertThat(value).hasSizeGreaterThanOrEqualTo(30)
                .matches("[A-Za-z0-9_-]+"));
        assertThat(Set.copyOf(secrets.values())).as("each secret its own").hasSameSizeAs(secrets.values());
        assertThat(Files.readString(env)).as("kept by a second run").isEqualTo(first);
        assertThat(Repository.read(Repository.path(".gitignore")).lines()).contains("/.env");
    }

    /** An .env of an older orderflow keeps its secrets (the database volume was made with them) and gets the new. */
    @Test
    void orderflowEnvAddsWhatAnOlderEnvFileLacksAndKeepsTheRest(@TempDir Path checkout) throws IOException {
        Path script = Files.copy(Repository.path("orderflow"), checkout.resolve("orderflow"));
        List<String> names = ComposeSecrets.names();
        String older = names.subList(0, names.size() - 1).stream().map(name -> name + "=kept-" + name + "\n")
                .collect(Collectors.joining());
        Path env = Files.writeString(checkout.resolve(".env"), older);

        String said = Command.run(checkout, "bash", script.toString(), "env").orFail();

        assertThat(said).contains("added what it lacked: " + names.getLast());
        assertThat(Files.readString(env)).startsWith(older).containsOnlyOnce(names.getLast() + "=")
                .doesNotContain(names.getLast() + "=kept");
        assertThat(Command.run(checkout, "bash", script.toString(), "env").orFail()).doesNotContain("added");
    }
}

package dev.orderflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/**
 * Where the test JVM's Kafka broker and PostgreSQL come from, chosen once per JVM.
 *
 * <p>Set with the system property {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT_VARIABLE}:
 * {@code auto} (the default), {@code docker} or {@code embedded}.
 */
public enum InfrastructureMode {

    /** Testcontainers: pinned images of Kafka and PostgreSQL. */
    DOCKER,

    /** A KRaft broker inside the test JVM and a PostgreSQL server started from Maven Central binaries. */
    EMBEDDED;

    public static final String PROPERTY = "orderflow.test.infrastructure";

    public static final String ENVIRONMENT_VARIABLE = "ORDERFLOW_TEST_INFRASTRUCTURE";

    // Docker detection tries several strategies and can hang on a half-configured machine; a test run must not.
    private static final long DOCKER_PROBE_SECONDS = 10;

    /** The chosen mode and the reason, for one log line. */
    public record Choice(InfrastructureMode mode, String reason) {
    }

    /** Reads the setting from the process's system properties and environment. */
    public static Choice choose() {
        return choose(System::getProperty, System::getenv, InfrastructureMode::dockerAnswersQuickly);
    }

    static Choice choose(Function<String, String> systemProperties, Function<String, String> environment,
            BooleanSupplier dockerAvailable) {
        String source = PROPERTY;
        String setting = systemProperties.apply(PROPERTY);
        if (setting == null || setting.isBlank()) {
            source = ENVIRONMENT_VARIABLE;
            setting = environment.apply(ENVIRONMENT_VARIABLE);
        }
        if (setting == null || setting.isBlank()) {
            source = null;
            setting = "auto";
        }
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "docker" -> new Choice(DOCKER, source + "=docker");
            case "embedded" -> new Choice(EMBEDDED, source + "=embedded");
            case "auto" -> dockerAvailable.getAsBoolean()
                    ? new Choice(DOCKER, "auto: a Docker engine answered")
                    : new Choice(EMBEDDED, "auto: no Docker engine answered");
            default -> throw new IllegalArgumentException("%s=%s: expected auto, docker or embedded"
                    .formatted(source, setting));
        };
    }

    private static boolean dockerAnswersQuickly() {
        if (!dockerMayBeConfigured()) {
            return false;
        }
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException | LinkageError notAvailable) {
                return false;
            }
        }, command -> Thread.ofPlatform().daemon().name("docker-probe").start(command));
        try {
            return probe.get(DOCKER_PROBE_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception timedOutOrFailed) {
            return false;
        }
    }

    // Asking Testcontainers on a machine without any Docker costs seconds and logs an error; skip it when there is
    // nothing it could find.
    private static boolean dockerMayBeConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
        return Stream.of(Path.of("/var/run/docker.sock"), home.resolve(".testcontainers.properties"),
                        home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                        home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock"),
                        runtimeDirectory == null ? null : Path.of(runtimeDirectory, "docker.sock"))
                .filter(Objects::nonNull)
                .anyMatch(Files::exists);
    }
}

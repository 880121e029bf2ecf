package dev.orderflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things are in the orderflow repository, found from the module's working directory. */
final class Repository {

    /** The services that run in containers: module directory = compose service = Kubernetes Deployment name. */
    static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "notification-service");
    static final String SIMULATOR = "external-simulator";
    static final List<String> RUNNABLE = Stream.concat(SERVICES.stream(), Stream.of(SIMULATOR)).toList();
    /** The authorization server, in compose and in every overlay. */
    static final String AUTH_SERVER = "auth-server";
    /** The operators' live view of the sagas, in compose and in every overlay. */
    static final String CONSOLE = "console";
    /** Whatever logs in to Kafka: the services and the console. */
    static final List<String> KAFKA_CLIENTS = Stream.concat(SERVICES.stream(), Stream.of(CONSOLE)).toList();
    /** What docker-compose.yml builds and runs. */
    static final List<String> IN_COMPOSE = Stream.concat(RUNNABLE.stream(), Stream.of(AUTH_SERVER, CONSOLE)).toList();
    /** What every overlay of k8s/ runs (the dev overlay adds the simulator). */
    static final List<String> IN_EVERY_OVERLAY = Stream.concat(KAFKA_CLIENTS.stream(), Stream.of(AUTH_SERVER)).toList();

    private static final Path ROOT = findRoot();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static Path module(String name) {
        return ROOT.resolve(name);
    }

    static Path validationTools() {
        return ROOT.resolve("deployment-checks/validate");
    }

    /** The rendered manifests and generated files of this test run: under target/, so `mvn clean` removes them. */
    static Path workDirectory() {
        Path work = ROOT.resolve("deployment-checks/target/deployment-checks");
        try {
            return Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> overlays() {
        try (Stream<Path> entries = Files.list(ROOT.resolve("k8s/overlays"))) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no orderflow repository (docker-compose.yml and k8s/) above "
                + Path.of("").toAbsolutePath());
    }
}

package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.orderflow.localstack.EmbeddedPostgresServer;
import dev.orderflow.localstack.FreePort;

/**
 * The Kafka broker and the PostgreSQL server of a stack: started side by side, with one database and user per
 * service, stopped together; PostgreSQL can also be stopped and started again alone, as fault tests do.
 */
final class Infrastructure {

    private static final Duration KAFKA_START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;

    private final Path logDirectory;

    private final KafkaServerProcess kafka;

    private final int postgresPort;

    private final Consumer<String> progress;

    private volatile EmbeddedPostgresServer postgres;

    Infrastructure(Path directory, Path logDirectory, int kafkaPort, int controllerPort, int postgresPort,
            String childMarker, Consumer<String> progress) {
        this.directory = directory;
        this.logDirectory = logDirectory;
        this.kafka = new KafkaServerProcess(kafkaPort, controllerPort, directory.resolve("kafka"),
                logDirectory.resolve("kafka.log"), childMarker);
        this.postgresPort = postgresPort;
        this.progress = progress;
    }

    /** Starts Kafka and PostgreSQL side by side and creates each service's database and user. */
    void start() {
        requireFree("Kafka", kafka.port());
        requireFree("PostgreSQL", postgresPort);
        CompletableFuture<EmbeddedPostgresServer> startingPostgres = CompletableFuture.supplyAsync(
                this::startedPostgres, command -> Thread.ofPlatform().name("postgres-start").start(command));
        try {
            timed("Kafka on " + kafka.bootstrapServers(), () -> kafka.start(KAFKA_START_TIMEOUT));
            postgres = startingPostgres.join();
            for (OrderflowService service : OrderflowService.values()) {
                service.database().ifPresent(database -> ServiceDatabases.ensure(postgres.jdbcUrl("postgres"),
                        EmbeddedPostgresServer.SUPERUSER, EmbeddedPostgresServer.SUPERUSER, database));
            }
        }
        catch (RuntimeException failed) {
            startingPostgres.thenAccept(EmbeddedPostgresServer::close);
            stop();
            throw failed instanceof CompletionException && failed.getCause() instanceof RuntimeException cause
                    ? cause : failed;
        }
    }

    /** Stops Kafka, then PostgreSQL; their data stays. */
    void stop() {
        try {
            kafka.stop();
        }
        finally {
            EmbeddedPostgresServer running = postgres;
            postgres = null;
            if (running != null) {
                running.close();
            }
        }
    }

    /** {@code pg_ctl stop -m fast}: sessions are cut, transactions in flight roll back. */
    synchronized void stopPostgres() {
        EmbeddedPostgresServer running = postgres;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        postgres = null;
        running.close();
        progress.accept("PostgreSQL on 127.0.0.1:%d stopped".formatted(postgresPort));
    }

    /** The same port, data directory and log as before {@link #stopPostgres()}. */
    synchronized void startPostgres() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        postgres = startedPostgres();
    }

    boolean isPostgresRunning() {
        return postgres != null;
    }

    KafkaServerProcess kafka() {
        return kafka;
    }

    int postgresPort() {
        return postgresPort;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(postgresPort, database);
    }

    private EmbeddedPostgresServer startedPostgres() {
        return timed("PostgreSQL on 127.0.0.1:" + postgresPort, () -> EmbeddedPostgresServer.start(postgresPort,
                postgresData(directory), createdParent(logDirectory.resolve("postgres.log"))));
    }

    private <T> T timed(String what, Supplier<T> start) {
        long started = System.nanoTime();
        T result = start.get();
        progress.accept("%s ready in %.1f s".formatted(what, (System.nanoTime() - started) / 1e9));
        return result;
    }

    /** Where a stack of this directory keeps PostgreSQL's data. */
    static Path postgresData(Path stackDirectory) {
        return stackDirectory.resolve("postgres");
    }

    /** The PostgreSQL running on a stack directory's data, as its pid file names it, if it runs. */
    static Optional<ProcessHandle> postmaster(Path stackDirectory) {
        Path pidFile = postgresData(stackDirectory).resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()))
                            .filter(ProcessHandle::isAlive)
                            .filter(process -> process.info().command()
                                    .map(command -> command.endsWith("postgres")).orElse(false))
                    : Optional.empty();
        }
        catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static void requireFree(String what, int port) {
        if (FreePort.isTaken(port)) {
            throw new IllegalStateException("Port %d for %s is taken by another process; stop it or choose another port"
                    .formatted(port, what));
        }
    }

    private static Path createdParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return file;
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}

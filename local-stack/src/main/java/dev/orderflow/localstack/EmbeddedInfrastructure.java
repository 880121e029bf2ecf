package dev.orderflow.localstack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-JVM KRaft broker and a PostgreSQL child process, started side by side to halve the wait. */
final class EmbeddedInfrastructure implements SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private static final String DATABASE = "postgres";

    private final EmbeddedKraftBroker kafka;

    private final EmbeddedPostgresServer postgres;

    private EmbeddedInfrastructure(EmbeddedKraftBroker kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static EmbeddedInfrastructure start() {
        CompletableFuture<EmbeddedPostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> timed("PostgreSQL", EmbeddedPostgresServer::startTemporary),
                command -> Thread.ofPlatform().name("embedded-postgres-start").start(command));
        EmbeddedKraftBroker kafka;
        try {
            kafka = timed("Kafka broker", EmbeddedKraftBroker::start);
        }
        catch (RuntimeException kafkaFailed) {
            postgres.thenAccept(EmbeddedPostgresServer::close);
            throw kafkaFailed;
        }
        try {
            return new EmbeddedInfrastructure(kafka, postgres.join());
        }
        catch (CompletionException postgresFailed) {
            kafka.close();
            throw postgresFailed.getCause() instanceof RuntimeException cause ? cause : postgresFailed;
        }
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long started = System.nanoTime();
        T server = start.get();
        log.info("Embedded {} started in {} ms", what, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    @Override
    public String username() {
        return EmbeddedPostgresServer.SUPERUSER;
    }

    @Override
    public String password() {
        return EmbeddedPostgresServer.SUPERUSER;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        }
        finally {
            postgres.close();
        }
    }
}

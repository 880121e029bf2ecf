package dev.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server run from the binaries zonky publishes on Maven Central, listening on 127.0.0.1.
 *
 * <p>As root, initdb and postgres refuse to run; zonky then starts them through {@code unshare -U}, in a user
 * namespace where they are not root. The superuser is {@code postgres}; local connections are trusted.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    /**
     * Durability is not what a test or a laptop demo needs; many connections (a pool per service) are. Statement
     * statistics are there for whoever asks ({@code CREATE EXTENSION pg_stat_statements}): the benchmark's profile.
     */
    static final Map<String, String> SERVER_SETTINGS = Map.of(
            "listen_addresses", "127.0.0.1",
            "max_connections", "300",
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off",
            "shared_buffers", "128MB",
            "max_wal_size", "1GB",
            "log_min_messages", "warning",
            "timezone", "UTC",
            "shared_preload_libraries", "pg_stat_statements");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a random port whose data directory is deleted when it stops. */
    public static EmbeddedPostgresServer startTemporary() {
        return start(0, null, null);
    }

    /**
     * Starts a server.
     *
     * @param port the port, or 0 for a free one
     * @param dataDirectory where the cluster lives and stays across restarts, or {@code null} for a temporary one
     * @param logFile where the server's own log goes, or {@code null} for this JVM's logging (at warning level)
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, Path logFile) {
        QuietLogs.apply();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port == 0 ? FreePort.pick() : port)
                .setPGStartupWait(STARTUP_TIMEOUT)
                .setRegisterShutdownHook(false)
                .setLocaleConfig("locale", "C");
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        if (logFile != null) {
            ProcessBuilder.Redirect appendToLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            builder.setOutputRedirector(appendToLog).setErrorRedirector(appendToLog);
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        try {
            return new EmbeddedPostgresServer(builder.start());
        }
        catch (IOException failed) {
            throw new UncheckedIOException("PostgreSQL did not start", failed);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of one database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(port(), database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException failed) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", failed);
        }
    }
}

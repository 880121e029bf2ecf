package dev.orderflow.localstack;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The shared test database away, as a restart or a failover looks to a service: every open connection is closed
 * and every new one refused, until {@link #close()}. For tests of how a service answers meanwhile; keep the
 * outage short, since every context of the JVM shares the database and its consumers retry meanwhile.
 *
 * <pre>{@code
 * try (DatabaseOutage outage = DatabaseOutage.begin()) {
 *     // requests now find no database
 * }
 * }</pre>
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String database;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    /** What {@code request} answers while the database is away; it takes connections again when this returns. */
    public static <T> T whileAway(Supplier<T> request) {
        try (DatabaseOutage outage = begin()) {
            return request.get();
        }
    }

    public static DatabaseOutage begin() {
        DatabaseOutage outage = new DatabaseOutage(databaseOf(RealInfrastructure.jdbcUrl()));
        // From another database: PostgreSQL will not disallow connections to the one a session is in.
        outage.administer("ALTER DATABASE " + quoted(outage.database) + " WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + outage.database.replace("'", "''") + "'");
        return outage;
    }

    /** The database takes connections again. */
    @Override
    public void close() {
        administer("ALTER DATABASE " + quoted(database) + " WITH ALLOW_CONNECTIONS true");
    }

    private void administer(String... statements) {
        String template = RealInfrastructure.jdbcUrl().replaceFirst("/" + database + "(?=$|\\?)", "/template1");
        try (Connection connection = connect(template); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not administer the test database " + database, e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, RealInfrastructure.username(), RealInfrastructure.password());
    }

    /** {@code jdbc:postgresql://host:port/name?params} -> {@code name}. */
    static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("no database in " + jdbcUrl);
        }
        return path.substring(1);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

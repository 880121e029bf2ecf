package dev.orderflow.messaging.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the relay's own database connection, outside the application's pool: the relay holds it for as long as it
 * is active (it carries the leader lock and the LISTEN), which must neither starve the pool nor be recycled by it.
 */
@FunctionalInterface
public interface LeaderConnectionFactory {

    Connection open() throws SQLException;

    /**
     * A plain JDBC connection. TCP keepalive lets PostgreSQL notice a vanished leader (and release its lock) even
     * when no FIN ever arrives; {@code applicationName} makes the relay's session visible in
     * {@code pg_stat_activity}.
     */
    static LeaderConnectionFactory of(String jdbcUrl, String username, String password, String applicationName) {
        return () -> {
            Properties properties = new Properties();
            if (username != null) {
                properties.setProperty("user", username);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", applicationName);
            return DriverManager.getConnection(jdbcUrl, properties);
        };
    }
}

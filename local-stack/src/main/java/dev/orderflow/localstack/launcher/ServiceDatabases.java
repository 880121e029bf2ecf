package dev.orderflow.localstack.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Gives each service its own database, owned by a login role of the same name whose password is that name too:
 * a convention for local runs only (compose and k8s take credentials from their own settings). No other service's
 * role may connect to it. Safe to run at every start.
 */
final class ServiceDatabases {

    // Names go into DDL, where bind parameters are not allowed: accept only plain identifiers.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private ServiceDatabases() {
    }

    static void ensure(String superuserJdbcUrl, String superuser, String superuserPassword, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(superuserJdbcUrl, superuser, superuserPassword);
                Statement ddl = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", name)) {
                ddl.execute("create role %s login password '%s'".formatted(name, name));
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
                ddl.execute("create database %s owner %s".formatted(name, name));
            }
            // Only its owner may connect: another service's credentials are refused at the door (every start,
            // so a database made before this rule gets it too).
            ddl.execute("revoke all on database %s from public".formatted(name));
        }
        catch (SQLException failed) {
            throw new IllegalStateException("could not create database and user " + name, failed);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}

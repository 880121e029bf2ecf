package dev.orderflow.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresIT {

    @Test
    void acceptsAConnectionAndAnswersQueries() throws Exception {
        String table = "probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (id int primary key, name text not null)");
            statement.execute("insert into " + table + " values (1, 'one'), (2, 'two')");
            try (ResultSet result = statement.executeQuery("select count(*), max(name) from " + table)) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(2);
                assertThat(result.getString(2)).isEqualTo("two");
            }
            statement.execute("drop table " + table);
        }
    }

    @Test
    void isAPostgresqlServerWithRoomForManyConnectionPools() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select current_setting('server_version_num')::int, current_setting('max_connections')::int")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isGreaterThanOrEqualTo(170000);
            assertThat(result.getInt(2)).isGreaterThanOrEqualTo(200);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), RealInfrastructure.username(),
                RealInfrastructure.password());
    }
}

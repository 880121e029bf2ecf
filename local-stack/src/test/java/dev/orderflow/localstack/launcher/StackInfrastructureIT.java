package dev.orderflow.localstack.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Kafka and PostgreSQL as the launcher runs them: real processes on free ports, data kept in the stack directory. */
class StackInfrastructureIT {

    private static final List<String> SERVICE_DATABASES = List.of("orders", "inventory", "payments", "notifications",
            "auth", "console");

    @TempDir
    Path directory;

    @Test
    void givesEachServiceItsOwnDatabaseAndKeepsAllDataAcrossRestartsAndABrokerCrash() throws Exception {
        String topic = "launcher-" + UUID.randomUUID();
        try (Stack stack = infrastructureOnly().startInfrastructure()) {
            for (String database : SERVICE_DATABASES) {
                try (Connection connection = connectAsService(stack, database);
                        Statement statement = connection.createStatement()) {
                    assertThat(single(statement, "select current_user || '@' || current_database()"))
                            .isEqualTo(database + "@" + database);
                    statement.execute("create table launcher_probe (owner text primary key)");
                    statement.execute("insert into launcher_probe values ('" + database + "')");
                }
            }
            for (String database : SERVICE_DATABASES) {
                String other = SERVICE_DATABASES.get((SERVICE_DATABASES.indexOf(database) + 1)
                        % SERVICE_DATABASES.size());
                assertThatExceptionOfType(SQLException.class).as("%s's credentials on the database %s", other,
                        database).isThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl(database), other,
                                other).close()).withMessageContaining("permission denied for database");
            }
            produce(stack, topic, "before the crash");

            stack.kafka().kill();
            stack.kafka().start(Duration.ofMinutes(3));

            produce(stack, topic, "after the crash");
            assertThat(consume(stack, topic, 2)).containsExactly("before the crash", "after the crash");
        }

        try (Stack again = infrastructureOnly().startInfrastructure()) {
            for (String database : SERVICE_DATABASES) {
                try (Connection connection = connectAsService(again, database);
                        Statement statement = connection.createStatement()) {
                    assertThat(single(statement, "select owner from launcher_probe")).isEqualTo(database);
                }
            }
            assertThat(consume(again, topic, 2)).containsExactly("before the crash", "after the crash");
        }
    }

    @Test
    void restartsPostgresAndKafkaOnTheirPortsWithTheirDataWhileTheStackRuns() throws Exception {
        String topic = "launcher-" + UUID.randomUUID();
        try (Stack stack = infrastructureOnly().startInfrastructure()) {
            try (Connection connection = connectAsService(stack, "orders");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table restart_probe (value text)");
                statement.execute("insert into restart_probe values ('kept')");
            }
            produce(stack, topic, "before the stop");
            int kafkaPort = stack.kafka().port();

            stack.stopPostgres();
            stack.kafka().stop();

            assertThat(stack.isPostgresRunning()).isFalse();
            assertThat(stack.kafka().isAlive()).isFalse();
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connectAsService(stack, "orders").close());

            stack.startPostgres();
            stack.kafka().start(Duration.ofMinutes(3));

            assertThat(stack.kafka().port()).isEqualTo(kafkaPort);
            try (Connection connection = connectAsService(stack, "orders");
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select value from restart_probe")).isEqualTo("kept");
            }
            produce(stack, topic, "after the restart");
            assertThat(consume(stack, topic, 2)).containsExactly("before the stop", "after the restart");
        }
    }

    private Stack infrastructureOnly() {
        return Stack.builder().directory(directory).randomPorts().services().build();
    }

    private static Connection connectAsService(Stack stack, String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), database, database);
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void produce(Stack stack, String topic, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "one-key", value)).get();
        }
    }

    private static List<String> consume(Stack stack, String topic, int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "launcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            return values;
        }
    }
}

package dev.orderflow.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// The properties point at nothing: the connection details of RealInfrastructure must win over them.
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer"})
@Import(RealInfrastructure.class)
class RealInfrastructureSpringIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    KafkaTemplate<String, String> kafkaTemplate;

    @Test
    void givesTheContextADataSourceOnTheSharedPostgresql() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(jdbc.queryForObject("select 40 + 2", Integer.class)).isEqualTo(42);
        assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class))
                .isEqualTo(jdbc.queryForObject("select inet_server_port()", Integer.class))
                .isNotNull();
        assertThat(RealInfrastructure.jdbcUrl()).contains(":" + jdbc.queryForObject("select inet_server_port()",
                Integer.class) + "/");
    }

    @Test
    void givesTheContextAKafkaTemplateOnTheSharedBroker() throws Exception {
        String topic = "spring-round-trip-" + UUID.randomUUID();
        kafkaTemplate.send(topic, "order-1", "placed").get();

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "spring-round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
        }
    }
}

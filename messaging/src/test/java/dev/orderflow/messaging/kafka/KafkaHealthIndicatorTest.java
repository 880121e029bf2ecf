package dev.orderflow.messaging.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorTest {

    @Test
    void isDownWithinItsTimeoutWhenNoBrokerAnswers() throws IOException {
        Map<String, Object> admin = settings("127.0.0.1:" + closedPort()).admin("health");

        try (KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin, Duration.ofMillis(500))) {
            long start = System.nanoTime();
            Health health = indicator.health();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void adminClientIsNamedAfterTheApplication() {
        Map<String, Object> admin = settings("127.0.0.1:9").admin("health");

        assertThat(admin).containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "order-service-health")
                .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    }

    private static KafkaClientSettings settings(String bootstrapServers) {
        return new KafkaClientSettings(new KafkaProperties(), () -> List.of(bootstrapServers), "order-service");
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

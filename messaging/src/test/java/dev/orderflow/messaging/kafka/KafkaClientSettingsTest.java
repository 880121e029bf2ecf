package dev.orderflow.messaging.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientSettingsTest {

    @Test
    void consumersWaitForRecordsAndCheckTheirHeartbeatRarelyWhileIdle() {
        Map<String, Object> consumer = settings(new KafkaProperties()).consumer("inventory-service");

        assertThat(consumer)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "inventory-service")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5_000)
                .containsEntry(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 1_000)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }

    @Test
    void aServiceSettingsOfItsOwnWinOverTheIdleDefaults() {
        KafkaProperties properties = new KafkaProperties();
        properties.getConsumer().getProperties().put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        properties.getConsumer().setFetchMaxWait(Duration.ofMillis(500));

        Map<String, Object> consumer = settings(properties).consumer("inventory-service");

        assertThat(consumer)
                .containsEntry(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "100")
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }

    @Test
    void theDeadLetterReaderDoesNotWaitAtTheEndOfATopic() {
        Map<String, Object> reader = settings(new KafkaProperties()).reader();

        assertThat(reader).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "inventory-service-deadletters");
    }

    private static KafkaClientSettings settings(KafkaProperties properties) {
        return new KafkaClientSettings(properties, () -> List.of("127.0.0.1:9092"), "inventory-service");
    }
}

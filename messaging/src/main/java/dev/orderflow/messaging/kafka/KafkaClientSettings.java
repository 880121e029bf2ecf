package dev.orderflow.messaging.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Client settings for messaging's own Kafka clients: the service's {@code spring.kafka.*} settings and connection
 * details (so bootstrap servers, security and tuning are configured once), with what messaging relies on forced:
 * String keys, byte[] JSON values, no auto-commit, idempotent {@code acks=all} producers.
 */
public final class KafkaClientSettings {

    static final int IDLE_FETCH_WAIT_MS = 5_000;

    static final int IDLE_RETRY_BACKOFF_MS = 1_000;

    private final KafkaProperties properties;
    private final KafkaConnectionDetails connectionDetails;
    private final String clientIdPrefix;

    public KafkaClientSettings(KafkaProperties properties, KafkaConnectionDetails connectionDetails,
            String clientIdPrefix) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.clientIdPrefix = clientIdPrefix;
    }

    /** Settings of a listener container's consumers; offsets are committed by the container, after handling. */
    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        applyConnection(config, connectionDetails.getConsumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts from the beginning: a service deployed late must still see every command sent to it.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A member that dies without leaving (kill -9, lost host) keeps its partitions until its session times out;
        // Kafka's 45 s default would stall those partitions that long; 10 s stays above the broker's 6 s minimum.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // The heartbeat thread wakes every retry.backoff.ms to see whether a heartbeat is due: at Kafka's 100 ms, ten
        // times a second per consumer for a heartbeat every 3 s, about 0.2% of a core each, idle or not
        // (docs/benchmarks.md). At 1 s a heartbeat goes out every 3-4 s, well inside the session, and a failed
        // request (coordinator lookup, offset commit, metadata) is retried after 1 s instead of 0.1-1 s.
        config.putIfAbsent(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, IDLE_RETRY_BACKOFF_MS);
        // An idle consumer asks the broker for records every fetch.max.wait.ms, and the four services run 8 of them:
        // at Kafka's 500 ms the largest part of an idle stack's CPU (docs/benchmarks.md). The broker answers a waiting
        // fetch as soon as a record arrives, so a longer wait costs no latency where the consumer keeps its position:
        // retries happen in memory, without a seek (MessagingAutoConfiguration). A consumer has one fetch in flight,
        // though, so a partition newly assigned in a rebalance waits for the held one (at most this long).
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** Settings of a group-less consumer that reads partitions it assigns itself (dead-letter inspection). */
    public Map<String, Object> reader() {
        Map<String, Object> config = consumer("unused");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // It reads a topic to its end, and at the end a long wait (for time or bytes) is all it would get.
        config.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        config.remove(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-deadletters");
        return config;
    }

    /** Settings of the dead-letter and replay producer. */
    public Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        applyConnection(config, connectionDetails.getProducer());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    /** Settings of an admin client; {@code purpose} tells it apart in the broker's logs and quotas. */
    public Map<String, Object> admin(String purpose) {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        applyConnection(config, connectionDetails.getAdmin());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + purpose);
        return config;
    }

    /**
     * Settings of the relay's producer: idempotent and {@code acks=all}, so a retried batch neither duplicates nor
     * reorders records of a partition; sends give up after {@code sendTimeout}, when the relay retries them.
     */
    public Map<String, Object> relayProducer(String relayName, Duration linger, Duration sendTimeout) {
        Map<String, Object> config = producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + relayName);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        int deliveryTimeout = (int) Math.max(sendTimeout.toMillis(), 2_000);
        int requestTimeout = (int) Math.max(1_000, Math.min(30_000, deliveryTimeout - linger.toMillis() - 1));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout);
        return config;
    }

    private static void applyConnection(Map<String, Object> config, KafkaConnectionDetails.Configuration connection) {
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.getBootstrapServers()));
        if (connection.getSecurityProtocol() != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, connection.getSecurityProtocol());
        }
    }
}

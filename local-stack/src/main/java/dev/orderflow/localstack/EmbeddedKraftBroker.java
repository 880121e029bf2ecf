package dev.orderflow.localstack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) inside this JVM, on a random port of
 * 127.0.0.1, with its log directory in a temporary directory that closing deletes.
 */
public final class EmbeddedKraftBroker implements AutoCloseable {

    /** Settings for one node: every internal topic has one replica, and consumer groups form without delay. */
    public static final Map<String, String> SINGLE_NODE_SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "10",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "num.partitions", "3",
            "auto.create.topics.enable", "true",
            "delete.topic.enable", "true");

    private static final int DEFAULT_PARTITIONS = 3;

    private static final List<String> PUBLISHED_PROPERTIES =
            List.of(EmbeddedKafkaKraftBroker.BROKER_LIST_PROPERTY, "spring.kafka.bootstrap-servers");

    private final EmbeddedKafkaKraftBroker broker;

    private final String bootstrapServers;

    private EmbeddedKraftBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        // KafkaClusterTestKit advertises "localhost"; clients get the address the listener is bound to.
        this.bootstrapServers = broker.getBrokersAsString().replace("localhost", "127.0.0.1");
    }

    /** Formats and starts a broker, returning once it accepts clients. */
    public static EmbeddedKraftBroker start() {
        QuietLogs.apply();
        // The test kit publishes its address as JVM-wide system properties; Spring contexts must get it from
        // RealInfrastructure's connection details instead, so a test that forgot the import fails loudly.
        Map<String, String> published = new HashMap<>();
        PUBLISHED_PROPERTIES.forEach(name -> published.put(name, System.getProperty(name)));
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        broker.brokerProperties(SINGLE_NODE_SETTINGS);
        try {
            broker.afterPropertiesSet();
        }
        finally {
            published.forEach((name, before) -> {
                if (before == null) {
                    System.clearProperty(name);
                }
                else {
                    System.setProperty(name, before);
                }
            });
        }
        return new EmbeddedKraftBroker(broker);
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

package dev.orderflow.messaging.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kafka} health component, part of every service's readiness: without the broker no command or event
 * reaches the service and nothing it writes to its outbox leaves. Spring Boot ships no Kafka health indicator, so
 * this asks the cluster to describe itself, within a bound so that a lost broker answers DOWN instead of hanging
 * the health endpoint.
 */
public final class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    /** Long enough for a loaded broker to answer, short enough that a lost one soon turns readiness DOWN. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final int timeoutMs;

    /**
     * @param adminConfig settings of the admin client (bootstrap servers, security, client id); its request and API
     *                    timeouts are bounded by {@code timeout}
     */
    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka is not reachable");
        this.timeoutMs = Math.toIntExact(timeout.toMillis());
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = Admin.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS))
                .withDetail("nodes", cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}

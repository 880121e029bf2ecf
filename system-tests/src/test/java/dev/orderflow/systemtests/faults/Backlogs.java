package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What is still in flight between the services, read where it lives: committed outbox rows not yet published
 * (each service's own database, as the service's own user) and messages its consumer group has not committed
 * past (Kafka). Both zero, with every order terminal, is what this suite calls quiet.
 */
final class Backlogs implements AutoCloseable {

    /** The services with an outbox and a consumer group (the simulator has neither). */
    static final List<OrderflowService> SERVICES = List.of(OrderflowService.ORDER, OrderflowService.INVENTORY,
            OrderflowService.PAYMENT, OrderflowService.NOTIFICATION);

    private final Stack stack;
    private final Admin admin;

    Backlogs(Stack stack) {
        this.stack = stack;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Unpublished outbox rows per service, e.g. {@code {order-service=0, inventory-service=3, ...}}. */
    Map<String, Long> unpublished() {
        Map<String, Long> pending = new LinkedHashMap<>();
        for (OrderflowService service : SERVICES) {
            String database = service.database().orElseThrow();
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), database, database);
                    Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery(
                            "select count(*) from messaging.outbox where published_at is null")) {
                count.next();
                pending.put(service.module(), count.getLong(1));
            } catch (SQLException unreadable) {
                throw new IllegalStateException("could not read the outbox of " + service.module(), unreadable);
            }
        }
        return pending;
    }

    /** Messages each service's consumer group has yet to commit, summed over its partitions. */
    Map<String, Long> consumerLag() {
        Map<String, Long> lag = new LinkedHashMap<>();
        try {
            for (OrderflowService service : SERVICES) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(service.module())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        committed.keySet().stream().collect(Collectors.toMap(partition -> partition,
                                partition -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
                long behind = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    long position = entry.getValue() == null ? 0 : entry.getValue().offset();
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - position);
                }
                lag.put(service.module(), behind);
            }
        } catch (ExecutionException | TimeoutException unanswered) {
            throw new IllegalStateException("Kafka did not answer for consumer lag", unanswered);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}

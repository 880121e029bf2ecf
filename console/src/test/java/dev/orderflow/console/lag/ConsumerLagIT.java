package dev.orderflow.console.lag;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.SagaTopicsProducer;
import dev.orderflow.console.support.Sagas;
import dev.orderflow.events.Topics;
import dev.orderflow.localstack.RealInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service's consumer group behind its topic shows as that many records, per topic, and none once it caught up. */
class ConsumerLagIT extends ConsoleIT {

    private static final SagaTopicsProducer topics = new SagaTopicsProducer();
    private static final String GROUP = "payment-service";

    @Autowired
    ConsumerLag lag;

    @AfterAll
    static void close() {
        topics.close();
    }

    @Test
    void countsTheRecordsAGroupHasNotReadPerTopicAndNoneOnceItCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrapServers()))) {
            commitAtTheEnd(admin);
            UUID orderId = UUID.randomUUID();
            List<Object> saga = Sagas.confirmed(orderId, "c-9");
            // AuthorizePayment (index 3) goes to payments.commands, which payment-service reads: three of them.
            for (int i = 0; i < 3; i++) {
                topics.publish(orderId, saga.get(3), Instant.now());
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(groupLag())
                    .satisfies(group -> {
                        assertThat(group.records()).isEqualTo(3);
                        assertThat(group.perTopic()).containsEntry(Topics.PAYMENTS_COMMANDS, 3L);
                    }));

            commitAtTheEnd(admin);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(groupLag().records()).isZero());
        }
    }

    private ConsumerLag.GroupLag groupLag() {
        ConsumerLag.Measurement measured = lag.current();
        assertThat(measured.fresh()).isTrue();
        return measured.groups().stream().filter(group -> group.group().equals(GROUP)).findFirst().orElseThrow();
    }

    /** As payment-service's consumer would after reading everything: its offsets at the ends of payments.commands. */
    private static void commitAtTheEnd(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.PAYMENTS_COMMANDS)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(Topics.PAYMENTS_COMMANDS).partitions().stream()
                .map(info -> new TopicPartition(Topics.PAYMENTS_COMMANDS, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        ends.forEach((partition, end) -> commits.put(partition, new OffsetAndMetadata(end.offset())));
        admin.alterConsumerGroupOffsets(GROUP, commits).all().get(30, TimeUnit.SECONDS);
    }
}

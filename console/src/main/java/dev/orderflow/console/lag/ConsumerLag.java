package dev.orderflow.console.lag;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.messaging.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each service's consumer lag: per consumer group, the records between its committed offsets and the ends of the
 * partitions it committed on, asked of the broker (two admin requests for all groups), never of the services. A
 * measurement is kept for {@code orderflow.console.lag.max-age} and taken again only when asked for after that, so a
 * page open for hours costs the broker one pair of requests every few seconds, and none while nobody looks.
 */
@Component
public class ConsumerLag implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Admin admin;
    private final ConsoleProperties.Lag settings;
    private final Clock clock;
    private volatile Measurement latest;

    ConsumerLag(KafkaClientSettings kafka, ConsoleProperties properties, Clock clock) {
        this.admin = Admin.create(kafka.admin("lag"));
        this.settings = properties.lag();
        this.clock = clock;
    }

    /** The latest measurement, taken now if the one kept is older than the maximum age (or there is none). */
    public synchronized Measurement current() {
        Instant now = clock.instant();
        Measurement kept = latest;
        if (kept != null && kept.at().plus(settings.maxAge()).isAfter(now)) {
            return kept;
        }
        try {
            latest = measure(now);
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            log.debug("Consumer lag not measured this time: {}", failed.toString());
            latest = new Measurement(now, kept == null ? List.of() : kept.groups(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            latest = new Measurement(now, kept == null ? List.of() : kept.groups(), false);
        }
        return latest;
    }

    private Measurement measure(Instant now) throws ExecutionException, InterruptedException, TimeoutException {
        long timeout = settings.timeout().toMillis();
        Map<String, ListConsumerGroupOffsetsSpec> groups = settings.groups().stream()
                .collect(Collectors.toMap(Function.identity(), group -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        var offsets = admin.listConsumerGroupOffsets(groups);
        for (String group : settings.groups()) {
            Map<TopicPartition, OffsetAndMetadata> ofGroup = new HashMap<>();
            offsets.partitionsToOffsetAndMetadata(group).get(timeout, TimeUnit.MILLISECONDS)
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            ofGroup.put(partition, offset);
                        }
                    });
            committed.put(group, ofGroup);
        }
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(ofGroup -> partitions.addAll(ofGroup.keySet()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                : admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                        partition -> OffsetSpec.latest()))).all().get(timeout, TimeUnit.MILLISECONDS);
        List<GroupLag> lags = new ArrayList<>();
        for (String group : settings.groups()) {
            Map<String, Long> perTopic = new TreeMap<>();
            committed.get(group).forEach((partition, offset) -> {
                long behind = Math.max(0, ends.get(partition).offset() - offset.offset());
                perTopic.merge(partition.topic(), behind, Long::sum);
            });
            lags.add(new GroupLag(group, perTopic.values().stream().mapToLong(Long::longValue).sum(), perTopic));
        }
        return new Measurement(now, lags, true);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }

    /**
     * @param fresh false when the broker did not answer this time: the groups are those of the last answer
     */
    public record Measurement(Instant at, List<GroupLag> groups, boolean fresh) {
    }

    /**
     * One consumer group (one service) behind its topics.
     *
     * @param records  records not yet consumed, over every partition it has committed on
     * @param perTopic the same per topic
     */
    public record GroupLag(String group, long records, Map<String, Long> perTopic) {
    }
}

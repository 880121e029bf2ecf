package dev.orderflow.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of messaging, {@code orderflow.messaging.*} (environment {@code ORDERFLOW_MESSAGING_...}).
 *
 * @param source       {@code ce_source} of the messages this service appends; empty means
 *                     {@code /orderflow/<spring.application.name>}
 * @param relay        the outbox relay
 * @param consumer     the listener containers of the {@link MessageHandler}s
 * @param topics       the topics messaging declares
 * @param housekeeping purging of published outbox rows and old inbox rows
 */
@ConfigurationProperties("orderflow.messaging")
@Validated
public record MessagingProperties(
        @DefaultValue("") String source,
        @Valid @DefaultValue Relay relay,
        @Valid @DefaultValue Consumer consumer,
        @Valid @DefaultValue Topics topics,
        @Valid @DefaultValue Housekeeping housekeeping) {

    /**
     * @param enabled        whether this instance takes part in relaying (one instance per database is active)
     * @param batchSize      most rows read and sent in one round
     * @param pollInterval   how long the active relay waits for a commit notification before looking anyway
     * @param notifyOnCommit whether appends notify the relay at commit ({@code pg_notify}); off, the relay polls
     * @param leaderRetry    how often a standby instance tries to become the active relay
     * @param sendTimeout    how long a round waits for Kafka to acknowledge its sends
     * @param linger         the producer's {@code linger.ms}: a little batching, little latency
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("5s") @NotNull Duration pollInterval,
            @DefaultValue("true") boolean notifyOnCommit,
            @DefaultValue("1s") @NotNull Duration leaderRetry,
            @DefaultValue("30s") @NotNull Duration sendTimeout,
            @DefaultValue("1ms") @NotNull Duration linger) {
    }

    /**
     * @param enabled         whether listener containers are created for the {@link MessageHandler} beans
     * @param groupId         the consumer group; empty means {@code spring.application.name}
     * @param concurrency     consumer threads per handler (and instance)
     * @param transactionSize most consecutive records of one poll handled in one transaction (1: one each)
     * @param initialBackoff  first wait before retrying a failed message
     * @param backoffMultiplier growth of the wait between retries
     * @param maxBackoff      longest wait between two retries
     * @param maxRetryTime    total retry time before the message is dead-lettered
     * @param commitInterval  how often the offsets of handled records are committed: a crash redelivers at most
     *                        this much, which the inbox drops; 0 commits after every poll (a Kafka request per poll
     *                        and partition the broker writes to its offsets topic: at a few records a second, one
     *                        per record)
     * @param deadLetter      whether a message that fails is dead-lettered: true for the consumer a topic's messages
     *                        are meant for; false for an observer of topics that are others' (the console), which
     *                        skips and counts a message that can never be handled (its owner dead-letters it, once)
     *                        and retries any other failure without end, so that an outage of its database pauses it
     *                        and loses nothing
     */
    public record Consumer(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("") String groupId,
            @DefaultValue("1") @Min(1) @Max(64) int concurrency,
            @DefaultValue("50") @Min(1) @Max(1_000) int transactionSize,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
            @DefaultValue("10s") @NotNull Duration maxBackoff,
            @DefaultValue("60s") @NotNull Duration maxRetryTime,
            @DefaultValue("1s") @NotNull Duration commitInterval,
            @DefaultValue("true") boolean deadLetter) {
    }

    /**
     * @param declare    whether to declare the topics (all of {@code Topics.ALL} and the dead-letter topics of
     *                   consumed topics) at startup
     * @param partitions partitions of each declared topic
     * @param replicas   replication factor of each declared topic; 0 means the broker's default
     * @param deadLetterMaxMessageSize the {@code max.message.bytes} of declared dead-letter topics and the dead-letter
     *                   producer's {@code max.request.size}: above the consumed topics' limit (1 MiB by default),
     *                   so that the largest record they accept still fits with the exception headers added
     */
    public record Topics(
            @DefaultValue("true") boolean declare,
            @DefaultValue("6") @Min(1) @Max(1000) int partitions,
            @DefaultValue("0") @Min(0) @Max(10) short replicas,
            @DefaultValue("2MB") @NotNull DataSize deadLetterMaxMessageSize) {
    }

    /**
     * @param interval         how often housekeeping runs
     * @param outboxRetention  how long published outbox rows are kept (for inspection)
     * @param inboxRetention   how long a message id is remembered for duplicate detection; must outlast any
     *                         redelivery, so at least the topics' retention
     * @param batchSize        rows deleted per statement, to keep transactions short
     * @param backlogRefresh   how often the outbox backlog gauges are recomputed while they are read
     */
    public record Housekeeping(
            @DefaultValue("1m") @NotNull Duration interval,
            @DefaultValue("1h") @NotNull Duration outboxRetention,
            @DefaultValue("7d") @NotNull Duration inboxRetention,
            @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
            @DefaultValue("5s") @NotNull Duration backlogRefresh) {
    }
}

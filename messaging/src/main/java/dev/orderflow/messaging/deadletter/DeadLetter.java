package dev.orderflow.messaging.deadletter;

import java.time.Instant;

/**
 * A message in a dead-letter topic, as an operator sees it before deciding to replay it.
 *
 * @param reason     why it was dead-lettered: the exception class and message recorded with it
 * @param replayedAt when an operator last replayed it, null if never
 */
public record DeadLetter(String topic, int partition, long offset, String key, String id, String type,
        String originalTopic, Integer originalPartition, Long originalOffset, String reason,
        Instant deadLetteredAt, Instant replayedAt) {
}

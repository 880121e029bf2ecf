package dev.orderflow.console.store;

import dev.orderflow.messaging.deadletter.DeadLetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The dead letters the console has read from the dead-letter topics, one row each, keyed by where it sits in its
 * topic: a redelivered one adds nothing. Whether a dead letter was replayed is its owner's to know (it keeps the
 * replays); the console shows what is in the topics.
 */
@Repository
public class DeadLetterLog {

    private static final int REASON_LENGTH = 2000;

    private static final RowMapper<DeadLetter> LETTER = (row, number) -> new DeadLetter(row.getString("topic"),
            row.getInt("kafka_partition"), row.getLong("kafka_offset"), row.getString("message_key"),
            row.getString("message_id"), row.getString("type"), row.getString("original_topic"), null, null,
            row.getString("consumer_group"), row.getString("reason"), instant(row, "dead_lettered_at"), null);

    private final JdbcClient jdbc;

    DeadLetterLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps these dead letters, in one statement; those already kept change nothing. Returns how many were new. */
    public int record(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, original_topic, message_id, type,
                                                 message_key, consumer_group, reason, dead_lettered_at)
                        SELECT topic, kafka_partition, kafka_offset, original_topic, message_id, type, message_key,
                               consumer_group, reason, to_timestamp(at_millis / 1000.0)
                        FROM unnest(?::varchar[], ?::integer[], ?::bigint[], ?::varchar[], ?::text[], ?::text[],
                                    ?::text[], ?::varchar[], ?::varchar[], ?::bigint[])
                             AS letter(topic, kafka_partition, kafka_offset, original_topic, message_id, type,
                                       message_key, consumer_group, reason, at_millis)
                        ON CONFLICT DO NOTHING""")
                .params(letters.stream().map(DeadLetter::topic).toArray(String[]::new),
                        letters.stream().map(DeadLetter::partition).toArray(Integer[]::new),
                        letters.stream().map(DeadLetter::offset).toArray(Long[]::new),
                        letters.stream().map(DeadLetter::originalTopic).toArray(String[]::new),
                        letters.stream().map(DeadLetter::id).toArray(String[]::new),
                        letters.stream().map(DeadLetter::type).toArray(String[]::new),
                        letters.stream().map(DeadLetter::key).toArray(String[]::new),
                        letters.stream().map(DeadLetter::consumerGroup).toArray(String[]::new),
                        letters.stream().map(letter -> shortened(letter.reason())).toArray(String[]::new),
                        letters.stream().map(letter -> letter.deadLetteredAt().toEpochMilli()).toArray(Long[]::new))
                .update();
    }

    /** Every dead-letter topic with any dead letter: how many, who gave up on them, and the latest one's reason. */
    public List<TopicSummary> perTopic() {
        return jdbc.sql("""
                        SELECT DISTINCT ON (topic) topic, original_topic, consumer_group, reason, dead_lettered_at,
                               count(*) OVER (PARTITION BY topic) AS letters
                        FROM dead_letter ORDER BY topic, dead_lettered_at DESC, kafka_offset DESC""")
                .query((row, number) -> new TopicSummary(row.getString("topic"), row.getString("original_topic"),
                        row.getString("consumer_group"), row.getLong("letters"), instant(row, "dead_lettered_at"),
                        row.getString("reason")))
                .list();
    }

    /** The latest dead letters of one topic, or of all of them for null. */
    public List<DeadLetter> latest(String topic, int limit) {
        return jdbc.sql("""
                        SELECT topic, kafka_partition, kafka_offset, original_topic, message_id, type, message_key,
                               consumer_group, reason, dead_lettered_at
                        FROM dead_letter WHERE (CAST(? AS varchar) IS NULL OR topic = ?)
                        ORDER BY dead_lettered_at DESC, topic, kafka_partition, kafka_offset DESC LIMIT ?""")
                .params(topic, topic, limit).query(LETTER).list();
    }

    /** Forgets up to {@code limit} dead letters written before {@code before}; returns how many. */
    public int forgetBefore(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM dead_letter WHERE (topic, kafka_partition, kafka_offset) IN (
                            SELECT topic, kafka_partition, kafka_offset FROM dead_letter
                            WHERE dead_lettered_at < ? ORDER BY dead_lettered_at LIMIT ?)""")
                .params(timestamp(before), limit).update();
    }

    /**
     * One dead-letter topic as the page shows it.
     *
     * @param consumerGroup the service that gave up on its latest letter, which replays them
     */
    public record TopicSummary(String topic, String originalTopic, String consumerGroup, long letters,
                               Instant latestAt, String latestReason) {
    }

    private static String shortened(String reason) {
        return reason == null || reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

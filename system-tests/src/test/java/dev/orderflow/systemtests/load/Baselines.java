package dev.orderflow.systemtests.load;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the machine itself manages, measured on the stack's own PostgreSQL and broker in the same run, so that the
 * order figures can be read as fractions of it: every order is several commits and several Kafka hops.
 */
final class Baselines {

    /** Single-row commits per second from one connection, and the commit latency. */
    record CommitRate(double perSecond, long commits, Latencies latency) {
    }

    /** Produce (idempotent, {@code acks=all}) to consume latency at a fixed rate. */
    record KafkaRoundTrip(int ratePerSecond, Latencies latency) {
    }

    private Baselines() {
    }

    /**
     * A tight loop of {@code INSERT} of one row and {@code COMMIT} over JDBC, into a table made for it (a regular,
     * logged one: a temporary table would skip the write-ahead log) and dropped afterwards.
     */
    static CommitRate postgresCommitRate(String jdbcUrl, String user, String password, Duration duration)
            throws SQLException {
        String table = "load_benchmark_commit_probe";
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)");
            }
            connection.setAutoCommit(false);
            Latencies latency = new Latencies();
            long commits = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (payload) VALUES (?)")) {
                long now = start;
                while (now < end) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.executeUpdate();
                    connection.commit();
                    long done = System.nanoTime();
                    latency.recordNanos(done - now);
                    commits++;
                    now = done;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE " + table);
            }
            return new CommitRate(commits / seconds, commits, latency);
        }
    }

    /**
     * Records sent at a fixed rate to a one-partition topic made for it (deleted afterwards) and read back by a plain
     * consumer; latency from the intended send time to the record in hand, so a slow send is not hidden.
     */
    static KafkaRoundTrip kafkaRoundTrip(String bootstrapServers, int ratePerSecond, Duration duration)
            throws Exception {
        String topic = "load-benchmark.probe-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return new KafkaRoundTrip(ratePerSecond, roundTrip(bootstrapServers, topic, ratePerSecond, duration));
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Latencies roundTrip(String bootstrapServers, String topic, int ratePerSecond, Duration duration)
            throws InterruptedException {
        int count = (int) (ratePerSecond * duration.toSeconds());
        Latencies latency = new Latencies();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new LongSerializer(), new LongSerializer());
             KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new LongDeserializer(), new LongDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition);
            Thread sender = Thread.ofPlatform().name("kafka-baseline-sender").start(() -> {
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                for (int i = 0; i < count; i++) {
                    long intended = start + i * 1_000_000_000L / ratePerSecond;
                    parkUntil(intended);
                    // The value is the intended send time: sender and consumer share this JVM's nanoTime.
                    producer.send(new ProducerRecord<>(topic, (long) i, intended));
                }
                producer.flush();
            });
            long received = 0;
            long giveUp = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(30);
            while (received < count && System.nanoTime() < giveUp) {
                for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.nanoTime();
                    latency.recordNanos(seen - record.value());
                    received++;
                }
            }
            sender.join();
        }
        return latency;
    }

    static void parkUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}

package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.OutgoingMessage;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.tracing.RelayTracing;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes committed outbox rows to Kafka, in id order, which is commit order within each key.
 *
 * <p>Of all instances of a service (all relays on one database) exactly one is active: the one holding a
 * PostgreSQL session advisory lock on its own dedicated connection. When that session ends (the instance died, or
 * its connection did), PostgreSQL releases the lock and a standby, retrying every {@code leader-retry}, takes over.
 * The active relay reads and marks rows through the same connection, so a relay that lost its session cannot mark
 * anything any more; whatever it sent but did not mark is sent again by its successor (consumers dedupe by id).
 *
 * <p>Rows are never read with an "id greater than the last one published" cursor: a row with a smaller id may
 * still be uncommitted and would be skipped for ever. Each round reads the oldest unpublished rows by id (a
 * partial index keeps that cheap), sends them pipelined through an idempotent producer ({@code acks=all}), awaits
 * the acknowledgements in order and marks the acknowledged rows published. A key whose send failed has none of its
 * later rows marked, so its order survives the retry. Between rounds the relay waits for a commit notification
 * ({@code LISTEN}, sent by {@code pg_notify} in the appending transaction) or the poll interval. With a tracer each
 * message is sent in a producer span from its append to its acknowledgement ({@link RelayTracing}).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Session advisory lock held by the active relay; advisory locks are per database, so per service. */
    static final long LEADER_LOCK = 0x6F72_6465_7266_6C6FL;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String UNPUBLISHED = """
            select id, message_id, topic, message_key, type, source, occurred_at, sequence, correlation_id,
                   causation_id, traceparent, payload
            from messaging.outbox
            where published_at is null
            order by id
            limit ?""";
    private static final String MARK_PUBLISHED =
            "update messaging.outbox set published_at = now() where id = any(?)";

    private final String name;
    private final LeaderConnectionFactory connections;
    private final Supplier<? extends Producer<String, byte[]>> producers;
    private final MessagingProperties.Relay settings;
    private final MessagingMetrics metrics;
    private final RelayTracing tracing;

    private volatile boolean running;
    private volatile boolean active;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private Thread worker;

    /**
     * @param name        names the relay's thread and its database session ({@code application_name})
     * @param connections opens the dedicated leader connection
     * @param producers   makes an idempotent producer each time this relay becomes active (or recovers a failure)
     */
    public OutboxRelay(String name, LeaderConnectionFactory connections,
            Supplier<? extends Producer<String, byte[]>> producers, MessagingProperties.Relay settings,
            MessagingMetrics metrics) {
        this(name, connections, producers, settings, metrics, RelayTracing.NONE);
    }

    /** As above, each message sent in a span of its own ({@link RelayTracing}). */
    public OutboxRelay(String name, LeaderConnectionFactory connections,
            Supplier<? extends Producer<String, byte[]>> producers, MessagingProperties.Relay settings,
            MessagingMetrics metrics, RelayTracing tracing) {
        this.name = name;
        this.connections = connections;
        this.producers = producers;
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        worker = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopSignal.countDown();
        try {
            worker.join(settings.pollInterval().plus(settings.sendTimeout()).toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this relay is the active one of its database right now. */
    public boolean isActive() {
        return active;
    }

    private void run() {
        while (running) {
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                if (awaitLeadership(connection)) {
                    lead(connection);
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Outbox relay {} lost its database session, will retry: {}", name, e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("Outbox relay {} failed, will retry", name, e);
            }
            pause(settings.leaderRetry());
        }
    }

    private boolean awaitLeadership(Connection connection) throws SQLException {
        try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, LEADER_LOCK);
            while (running) {
                try (ResultSet result = tryLock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return true;
                    }
                }
                pause(settings.leaderRetry());
            }
        }
        return false;
    }

    private void lead(Connection connection) throws SQLException {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + OutboxStore.CHANNEL);
        }
        PGConnection notifications = connection.unwrap(PGConnection.class);
        Producer<String, byte[]> producer = producers.get();
        active = true;
        metrics.relayActive(true);
        log.info("Outbox relay {} is now the active relay", name);
        try (PreparedStatement select = connection.prepareStatement(UNPUBLISHED);
             PreparedStatement mark = connection.prepareStatement(MARK_PUBLISHED)) {
            select.setInt(1, settings.batchSize());
            while (running) {
                Round round = publishRound(connection, select, mark, producer);
                if (round.failed()) {
                    // A fresh producer starts from a clean idempotence state; the failed keys wait for a retry.
                    producer.close(Duration.ZERO);
                    pause(settings.leaderRetry());
                    producer = producers.get();
                } else if (round.read() < settings.batchSize()) {
                    // Returns at once if commits were notified during the round; drains them either way.
                    notifications.getNotifications((int) Math.max(1, settings.pollInterval().toMillis()));
                }
            }
        } finally {
            active = false;
            metrics.relayActive(false);
            producer.close(running ? Duration.ZERO : settings.sendTimeout());
            log.info("Outbox relay {} is no longer active", name);
        }
    }

    private Round publishRound(Connection connection, PreparedStatement select, PreparedStatement mark,
            Producer<String, byte[]> producer) throws SQLException {
        List<Row> rows = unpublished(select);
        if (rows.isEmpty()) {
            return new Round(0, false);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        List<RelayTracing.Relayed> spans = new ArrayList<>(rows.size());
        for (Row row : rows) {
            RelayTracing.Relayed relayed = tracing.sending(row.message());
            spans.add(relayed);
            sends.add(send(producer, relayed.message()));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        Set<String> failedKeys = new HashSet<>();
        List<Row> published = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (failedKeys.contains(row.message().key())) {
                spans.get(i).notPublished(new IllegalStateException("an earlier message of its key was not "
                        + "published: sent again with it"));
                continue;
            }
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(row);
                spans.get(i).acknowledged();
            } catch (ExecutionException | TimeoutException e) {
                failedKeys.add(row.message().key());
                spans.get(i).notPublished(e);
                metrics.publishFailed(row.message().topic());
                log.warn("Outbox relay {} could not publish message {} (key {}), will retry it and its key's later "
                        + "messages: {}", name, row.message().id(), row.message().key(), rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedKeys.add(row.message().key());
                spans.get(i).notPublished(e);
            }
        }
        markPublished(connection, mark, published);
        Instant now = Instant.now();
        for (Row row : published) {
            metrics.published(row.message().topic(), Duration.between(row.message().time(), now));
        }
        return new Round(rows.size(), !failedKeys.isEmpty());
    }

    private Future<RecordMetadata> send(Producer<String, byte[]> producer, OutgoingMessage message) {
        try {
            return producer.send(CloudEventHeaders.toRecord(message));
        } catch (RuntimeException e) {
            // send() throws rather than failing the future when, e.g., metadata cannot be fetched in time.
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<Row> unpublished(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong("id"), new OutgoingMessage(
                        result.getObject("message_id", UUID.class),
                        result.getString("topic"),
                        result.getString("message_key"),
                        result.getString("type"),
                        result.getString("source"),
                        result.getTimestamp("occurred_at").toInstant(),
                        result.getObject("sequence", Long.class),
                        result.getString("correlation_id"),
                        result.getString("causation_id"),
                        result.getString("traceparent"),
                        result.getBytes("payload"))));
            }
        }
        return rows;
    }

    private static void markPublished(Connection connection, PreparedStatement mark, List<Row> published)
            throws SQLException {
        if (published.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("bigint", published.stream().map(Row::id).toArray(Long[]::new));
        try {
            mark.setArray(1, ids);
            mark.executeUpdate();
        } finally {
            ids.free();
        }
    }

    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Row(long id, OutgoingMessage message) {
    }

    private record Round(int read, boolean failed) {
    }
}

package dev.orderflow.messaging.housekeeping;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps messaging's tables small: purges published outbox rows and inbox records past their retention, in short
 * batched deletes that skip rows another instance is deleting, and refreshes the cached outbox backlog gauges every
 * {@code backlog-refresh} while somebody reads them (a read within the last two periods: a scrape, a benchmark's
 * readings), so that a stack nobody watches does not query its outbox. The first read after a pause sees the value
 * of the last refresh; the next period brings it up to date. Runs on its own thread, so the service needs no
 * {@code @EnableScheduling}.
 */
public class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private static final String PURGE_OUTBOX = """
            delete from messaging.outbox where id in (
                select id from messaging.outbox
                where published_at < ?
                limit ?
                for update skip locked)""";
    private static final String PURGE_INBOX = """
            delete from messaging.inbox where (consumer, message_id) in (
                select consumer, message_id from messaging.inbox
                where received_at < ?
                limit ?
                for update skip locked)""";
    private static final String BACKLOG =
            "select count(*), min(occurred_at) from messaging.outbox where published_at is null";

    private final JdbcTemplate jdbc;
    private final MessagingProperties.Housekeeping settings;
    private final MessagingMetrics metrics;
    private ScheduledExecutorService scheduler;

    public Housekeeping(JdbcTemplate jdbc, MessagingProperties.Housekeeping settings, MessagingMetrics metrics) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Deletes outbox rows published longer than the retention ago; returns how many. */
    public int purgePublishedOutbox() {
        return purge(PURGE_OUTBOX, Instant.now().minus(settings.outboxRetention()));
    }

    /** Forgets handled message ids older than the inbox retention; returns how many. */
    public int purgeInbox() {
        return purge(PURGE_INBOX, Instant.now().minus(settings.inboxRetention()));
    }

    /** Recomputes the outbox backlog gauges if they were read lately; returns whether it did. */
    public boolean refreshBacklogIfWatched() {
        if (!metrics.backlogReadWithin(settings.backlogRefresh().multipliedBy(2))) {
            return false;
        }
        refreshBacklog();
        return true;
    }

    /** Recomputes the outbox backlog gauges (pending count, oldest unpublished). */
    public void refreshBacklog() {
        jdbc.query(BACKLOG, rs -> {
            Timestamp oldest = rs.getTimestamp(2);
            metrics.backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        });
    }

    private int purge(String statement, Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(statement, Timestamp.from(before), settings.batchSize());
            total += deleted;
        } while (deleted == settings.batchSize());
        return total;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("orderflow-messaging-housekeeping").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> quietly("purge", () -> {
            int outbox = purgePublishedOutbox();
            int inbox = purgeInbox();
            if (outbox + inbox > 0) {
                log.debug("Purged {} published outbox rows and {} inbox records", outbox, inbox);
            }
        }), settings.interval().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly("backlog refresh", this::refreshBacklogIfWatched),
                0, settings.backlogRefresh().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private static void quietly(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The next run retries; one failure (e.g. the database restarting) must not cancel the schedule.
            log.warn("Messaging housekeeping {} failed: {}", task, e.getMessage());
        }
    }
}

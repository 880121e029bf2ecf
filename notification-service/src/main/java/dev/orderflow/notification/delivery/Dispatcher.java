package dev.orderflow.notification.delivery;

import dev.orderflow.notification.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers due PENDING notifications: right after a new one is committed, and on a fixed-delay scan that picks
 * up retries, backlogs after an outage and anything another instance left behind.
 *
 * <p>All work runs on one thread per instance, so a wake-up and a scan never overlap; between instances the
 * {@link DeliveryQueue} claim keeps them apart. A failed attempt leaves the notification PENDING with a later
 * next attempt, so an outage of the provider delays notifications and loses none.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue queue;
    private final NotificationProvider provider;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration scanInterval;
    private final int batchSize;
    private final Duration lease;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService worker;

    public Dispatcher(DeliveryQueue queue, NotificationProvider provider, DeliveryMetrics metrics, Clock clock,
                      NotificationProperties properties) {
        this.queue = queue;
        this.provider = provider;
        this.metrics = metrics;
        this.clock = clock;
        this.scanInterval = properties.dispatch().scanInterval();
        this.batchSize = properties.dispatch().batchSize();
        this.lease = properties.dispatch().lease();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void on(NotificationQueued queued) {
        wakeUp();
    }

    /** Delivers what is due soon, without waiting for the next scan; wake-ups while one is queued coalesce. */
    public void wakeUp() {
        ScheduledExecutorService current = worker;
        if (current != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpQueued.set(false);
                    dispatchDue();
                });
            } catch (RejectedExecutionException stopping) {
                wakeUpQueued.set(false);
            }
        }
    }

    void dispatchDue() {
        try {
            List<Delivery> batch;
            do {
                batch = queue.claimDue(batchSize);
                batch.forEach(this::deliverWhileLeased);
            } while (batch.size() == batchSize && isRunning());
            metrics.pending(queue.pendingCount());
        } catch (RuntimeException e) {
            // Never let the scan die: the database may be briefly away; the next scan tries again.
            log.warn("Dispatching notifications failed, retrying on the next scan: {}", e.toString());
        }
    }

    private void deliverWhileLeased(Delivery delivery) {
        // A batch sent to a slow provider can outlast the lease of its last notifications; those are left to
        // the next claim rather than risk two dispatchers sending the same one at the same time.
        if (!isRunning() || clock.instant().plus(lease.dividedBy(2)).isAfter(delivery.leaseUntil())) {
            return;
        }
        try {
            String messageId = provider.deliver(delivery);
            queue.sent(delivery, messageId);
            metrics.sent();
        } catch (ProviderRefusedException e) {
            queue.refused(delivery, e.getMessage());
            metrics.refused();
            log.error("Provider refused notification {} for good: {}", delivery.notificationId(), e.getMessage());
        } catch (ProviderUnavailableException e) {
            var next = queue.failedAttempt(delivery, e.getMessage());
            metrics.failedAttempt();
            log.info("Notification {} not delivered (attempt {}), next attempt at {}: {}",
                    delivery.notificationId(), delivery.attempt(), next, e.getMessage());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("notification-dispatcher").daemon().factory());
        started.scheduleWithFixedDelay(this::dispatchDue, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
        worker = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = worker;
        worker = null;
        if (stopping != null) {
            stopping.shutdown();
            try {
                if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                    stopping.shutdownNow();
                }
            } catch (InterruptedException e) {
                stopping.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}

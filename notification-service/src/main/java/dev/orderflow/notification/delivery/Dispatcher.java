package dev.orderflow.notification.delivery;

import dev.orderflow.messaging.tracing.HandlingObservations;
import dev.orderflow.messaging.work.BackgroundWorker;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.notification.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Delivers due PENDING notifications: right after a new one is committed, and on a fixed-delay scan that picks
 * up retries, backlogs after an outage and anything another instance left behind. The claiming, waking, scanning
 * and bounding are messaging's {@link BackgroundWorker} over the {@code notification_queue}; this class is what one
 * delivery attempt is.
 *
 * <p>A failed attempt leaves the notification PENDING and due again later, so an outage of the provider delays
 * notifications and loses none; the notification's id is the provider's idempotency key, so an attempt repeated
 * after a crash reaches the customer once.
 */
@Component
public class Dispatcher implements SmartLifecycle, BackgroundWorker.Work<Delivery> {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue queue;
    private final NotificationProvider provider;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final BackgroundWorker<Delivery> workers;
    private final HandlingObservations observations;

    public Dispatcher(DeliveryQueue queue, WorkQueue notificationQueue, NotificationProvider provider,
                      DeliveryMetrics metrics, Clock clock, NotificationProperties properties,
                      HandlingObservations observations) {
        this.queue = queue;
        this.observations = observations;
        this.provider = provider;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = properties.dispatch().lease();
        this.workers = new BackgroundWorker<>("notification-dispatcher", this, properties.dispatch().scanInterval(),
                properties.dispatch().parallelDeliveries());
        notificationQueue.whenEnqueued(workers::wakeUp);
    }

    /** Delivers what is due now, without waiting for the next scan. */
    public void wakeUp() {
        workers.wakeUp();
    }

    @Override
    public List<Delivery> claim(int limit) {
        return queue.claimDue(limit);
    }

    @Override
    public void scanned() {
        metrics.pending(queue.pendingCount());
    }

    @Override
    public void process(Delivery delivery) {
        observations.observeWork("notification delivery", delivery.traceContext(),
                delivery.orderId() == null ? null : delivery.orderId().toString(), () -> deliver(delivery));
    }

    private void deliver(Delivery delivery) {
        // A delivery that waited for a free slot past half its lease is left to the next claim rather than risk two
        // dispatchers sending the same notification at the same time.
        if (clock.instant().plus(lease.dividedBy(2)).isAfter(delivery.leaseUntil())) {
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
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.isRunning();
    }
}

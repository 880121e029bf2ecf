package dev.orderflow.notification.delivery;

import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.notification.config.NotificationProperties;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.RedeliveryBackoff;
import dev.orderflow.notification.store.Notifications;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The PENDING notifications as work for the dispatchers of every instance: stored and queued together, claimed
 * with a lease, and settled in the transaction that records each attempt's outcome. Each method is one short
 * transaction; none is open while a message travels to the provider.
 */
@Component
public class DeliveryQueue {

    private final Notifications notifications;
    private final WorkQueue queue;
    private final Clock clock;
    private final Duration lease;
    private final RedeliveryBackoff backoff;
    private final RandomGenerator random = RandomGenerator.getDefault();

    public DeliveryQueue(Notifications notifications, WorkQueue notificationQueue, Clock clock,
            NotificationProperties properties) {
        this.notifications = notifications;
        this.queue = notificationQueue;
        this.clock = clock;
        this.lease = properties.dispatch().lease();
        this.backoff = properties.dispatch().backoff();
    }

    /**
     * Stores the notification and queues it for delivery, in the caller's transaction, unless the order already has
     * one of its template.
     *
     * @return whether it was added
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean add(Notification notification) {
        if (!notifications.addIfAbsent(notification)) {
            return false;
        }
        queue.enqueue(notification.getId());
        return true;
    }

    /**
     * Takes up to {@code limit} due notifications for one attempt each, until the lease runs out. An item whose
     * notification is no longer PENDING (settled by a dispatcher whose lease had run out) leaves the queue here.
     */
    @Transactional
    public List<Delivery> claimDue(int limit) {
        return queue.claim(limit, lease, ids -> notifications.findPending(ids).stream()
                .collect(Collectors.toMap(Notification::getId, Function.identity())), Delivery::of);
    }

    @Transactional
    public void sent(Delivery delivery, String providerMessageId) {
        notifications.findByIdForUpdate(delivery.notificationId()).ifPresent(notification -> {
            notification.sent(providerMessageId, clock.instant());
            notifications.update(notification);
        });
        queue.complete(delivery.notificationId());
    }

    /** The attempt failed for a passing reason; the next one waits longer the more attempts were made. */
    @Transactional
    public Instant failedAttempt(Delivery delivery, String error) {
        Instant next = clock.instant().plus(backoff.after(Math.max(1, delivery.attempt()), random));
        notifications.findByIdForUpdate(delivery.notificationId()).ifPresent(notification -> {
            notification.failedAttempt(error);
            notifications.update(notification);
        });
        queue.retryAt(delivery.notificationId(), next);
        return next;
    }

    @Transactional
    public void refused(Delivery delivery, String error) {
        notifications.findByIdForUpdate(delivery.notificationId()).ifPresent(notification -> {
            notification.refused(error);
            notifications.update(notification);
        });
        queue.complete(delivery.notificationId());
    }

    @Transactional(readOnly = true)
    public long pendingCount() {
        return notifications.countPending();
    }
}

package dev.orderflow.notification.delivery;

import dev.orderflow.notification.config.NotificationProperties;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.RedeliveryBackoff;
import dev.orderflow.notification.store.Notifications;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The PENDING notifications as a work queue shared by every dispatcher of every instance. Each method is one
 * short transaction; none is open while a message travels to the provider.
 */
@Component
public class DeliveryQueue {

    private final Notifications notifications;
    private final Clock clock;
    private final Duration lease;
    private final RedeliveryBackoff backoff;
    private final RandomGenerator random = RandomGenerator.getDefault();

    public DeliveryQueue(Notifications notifications, Clock clock, NotificationProperties properties) {
        this.notifications = notifications;
        this.clock = clock;
        this.lease = properties.dispatch().lease();
        this.backoff = properties.dispatch().backoff();
    }

    /**
     * Takes up to {@code limit} due notifications for one attempt each. Rows are locked with SKIP LOCKED while
     * they are leased, and the lease keeps them from every other dispatcher until the attempt is over.
     */
    @Transactional
    public List<Delivery> claimDue(int limit) {
        Instant now = clock.instant();
        List<UUID> due = notifications.lockDue(now, limit);
        if (due.isEmpty()) {
            return List.of();
        }
        List<Notification> claimed = notifications.findAllById(due);
        claimed.forEach(notification -> notification.lease(now.plus(lease)));
        return claimed.stream().map(Delivery::of).toList();
    }

    @Transactional
    public void sent(Delivery delivery, String providerMessageId) {
        notifications.findById(delivery.notificationId())
                .ifPresent(notification -> notification.sent(providerMessageId, clock.instant()));
    }

    /** The attempt failed for a passing reason; the next one waits longer the more attempts were made. */
    @Transactional
    public Instant failedAttempt(Delivery delivery, String error) {
        Instant next = clock.instant().plus(backoff.after(Math.max(1, delivery.attempt()), random));
        notifications.findById(delivery.notificationId())
                .ifPresent(notification -> notification.failedAttempt(error, next));
        return next;
    }

    @Transactional
    public void refused(Delivery delivery, String error) {
        notifications.findById(delivery.notificationId())
                .ifPresent(notification -> notification.refused(error));
    }

    @Transactional(readOnly = true)
    public long pendingCount() {
        return notifications.countPending();
    }
}

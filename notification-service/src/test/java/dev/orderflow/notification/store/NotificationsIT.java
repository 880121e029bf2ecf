package dev.orderflow.notification.store;

import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.CustomerNotice;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.Template;
import dev.orderflow.notification.support.NotificationServiceIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsIT extends NotificationServiceIT {

    // Due only for a dispatcher that believes it is years from now: the service's own dispatcher leaves them alone.
    private static final Instant FAR_FUTURE = Instant.now().plus(Duration.ofDays(3650));

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    private final List<UUID> created = new ArrayList<>();

    @AfterEach
    void removeTestRows() {
        notifications.deleteAllById(created);
    }

    @Test
    void aSecondNotificationForTheSameOrderAndTemplateIsNotAdded() {
        UUID order = UUID.randomUUID();
        Notification first = pending(order, Template.ORDER_CONFIRMED, FAR_FUTURE.minusSeconds(60));
        Notification replay = pending(order, Template.ORDER_CONFIRMED, FAR_FUTURE.minusSeconds(30));
        Notification cancellation = pending(order, Template.ORDER_CANCELLED, FAR_FUTURE.minusSeconds(30));

        assertThat(add(first)).isTrue();
        assertThat(add(replay)).isFalse();
        assertThat(add(cancellation)).isTrue();

        assertThat(notifications.findByOrderIdOrderByCreatedAtAscIdAsc(order))
                .extracting(Notification::getId)
                .containsExactly(first.getId(), cancellation.getId());
    }

    @Test
    void dueNotificationsLockedByOneDispatcherAreSkippedByAnother() throws Exception {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Notification notification = pending(UUID.randomUUID(), Template.ORDER_CONFIRMED, FAR_FUTURE.minusSeconds(i));
            add(notification);
            mine.add(notification.getId());
        }
        CompletableFuture<List<UUID>> lockedByFirst = new CompletableFuture<>();
        CountDownLatch firstMayCommit = new CountDownLatch(1);

        try (var firstDispatcher = Executors.newSingleThreadExecutor()) {
            var first = firstDispatcher.submit(() -> transactions.executeWithoutResult(status -> {
                lockedByFirst.complete(onlyMine(notifications.lockDue(FAR_FUTURE, 1000), mine));
                awaitQuietly(firstMayCommit);
            }));
            assertThat(lockedByFirst.get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(mine);

            List<UUID> lockedBySecond = transactions.execute(
                    status -> onlyMine(notifications.lockDue(FAR_FUTURE, 1000), mine));
            assertThat(lockedBySecond).isEmpty();

            firstMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
        List<UUID> lockedAfterwards = transactions.execute(
                status -> onlyMine(notifications.lockDue(FAR_FUTURE, 1000), mine));
        assertThat(lockedAfterwards).as("free again once the first transaction ended")
                .containsExactlyInAnyOrderElementsOf(mine);
    }

    @Test
    void onlyNotificationsThatAreDueAreLocked() {
        Notification due = pending(UUID.randomUUID(), Template.ORDER_REJECTED, FAR_FUTURE.minusSeconds(1));
        Notification later = pending(UUID.randomUUID(), Template.ORDER_REJECTED, FAR_FUTURE.plusSeconds(60));
        add(due);
        add(later);

        List<UUID> locked = transactions.execute(status ->
                onlyMine(notifications.lockDue(FAR_FUTURE, 1000), List.of(due.getId(), later.getId())));
        assertThat(locked).containsExactly(due.getId());
    }

    private boolean add(Notification notification) {
        Boolean added = transactions.execute(status -> notifications.addIfAbsent(notification));
        if (Boolean.TRUE.equals(added)) {
            created.add(notification.getId());
        }
        return Boolean.TRUE.equals(added);
    }

    private static Notification pending(UUID order, Template template, Instant due) {
        return Notification.pending(new CustomerNotice(order, "c-" + UUID.randomUUID(), template, Channel.EMAIL,
                "test message"), UUID.randomUUID().toString(), due);
    }

    private static List<UUID> onlyMine(List<UUID> locked, List<UUID> mine) {
        return locked.stream().filter(mine::contains).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

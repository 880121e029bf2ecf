package dev.orderflow.notification.store;

import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.CustomerNotice;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.Template;
import dev.orderflow.notification.support.NotificationServiceIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's own guarantee on the real schema: one notification per order and template, however often the event
 * arrives. (Claiming due notifications is messaging's WorkQueue, tested there.)
 */
class NotificationsIT extends NotificationServiceIT {

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private final List<UUID> created = new ArrayList<>();

    @AfterEach
    void removeTestRows() {
        if (!created.isEmpty()) {
            jdbc.sql("DELETE FROM notification WHERE id IN (:ids)").param("ids", created).update();
        }
    }

    @Test
    void aSecondNotificationForTheSameOrderAndTemplateIsNotAdded() {
        UUID order = UUID.randomUUID();
        Instant now = Instant.now();
        Notification first = pending(order, Template.ORDER_CONFIRMED, now.minusSeconds(60));
        Notification replay = pending(order, Template.ORDER_CONFIRMED, now.minusSeconds(30));
        Notification cancellation = pending(order, Template.ORDER_CANCELLED, now.minusSeconds(30));

        assertThat(add(first)).isTrue();
        assertThat(add(replay)).isFalse();
        assertThat(add(cancellation)).isTrue();

        assertThat(notifications.findByOrderIdOrderByCreatedAtAscIdAsc(order))
                .extracting(Notification::getId)
                .containsExactly(first.getId(), cancellation.getId());
    }

    private boolean add(Notification notification) {
        Boolean added = transactions.execute(status -> notifications.addIfAbsent(notification));
        if (Boolean.TRUE.equals(added)) {
            created.add(notification.getId());
        }
        return Boolean.TRUE.equals(added);
    }

    private static Notification pending(UUID order, Template template, Instant at) {
        return Notification.pending(new CustomerNotice(order, "c-" + UUID.randomUUID(), template, Channel.EMAIL,
                "test message"), UUID.randomUUID().toString(), at);
    }
}

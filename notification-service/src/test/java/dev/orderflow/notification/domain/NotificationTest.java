package dev.orderflow.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    private final Notification notification = Notification.pending(new CustomerNotice(UUID.randomUUID(), "c-1001",
            Template.ORDER_CONFIRMED, Channel.EMAIL, "Your order is confirmed."), "message-1", NOW);

    @Test
    void aNewNotificationIsPendingWithNoAttemptMade() {
        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notification.getAttempts()).isZero();
        assertThat(notification.getRecipient()).isEqualTo("c-1001");
    }

    @Test
    void aFailedAttemptKeepsItPendingAndCounts() {
        notification.failedAttempt("provider answered 503");

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notification.getAttempts()).isOne();
        assertThat(notification.getLastError()).isEqualTo("provider answered 503");
    }

    @Test
    void everyRecordedOutcomeCountsAsAnAttempt() {
        notification.failedAttempt("provider answered 503");
        notification.failedAttempt("provider timed out");
        notification.sent("msg-1", NOW.plusSeconds(1));

        assertThat(notification.getAttempts()).isEqualTo(3);
        assertThat(notification.getLastError()).isNull();
    }

    @Test
    void sentIsFinalAndALateSecondReportChangesNothing() {
        notification.sent("msg-1", NOW.plusSeconds(1));
        notification.sent("msg-2", NOW.plusSeconds(5));
        notification.failedAttempt("late timeout");

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(notification.getProviderMessageId()).isEqualTo("msg-1");
        assertThat(notification.getSentAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(notification.getAttempts()).isOne();
    }

    @Test
    void aRefusalEndsDeliveryAttempts() {
        notification.refused("provider refused the message with 400");
        notification.failedAttempt("late timeout");

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(notification.getSentAt()).isNull();
        assertThat(notification.getAttempts()).isOne();
    }
}

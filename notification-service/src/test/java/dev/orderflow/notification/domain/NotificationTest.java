package dev.orderflow.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NotificationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    private final Notification notification = Notification.pending(new CustomerNotice(UUID.randomUUID(), "c-1001",
            Template.ORDER_CONFIRMED, Channel.EMAIL, "Your order is confirmed."), "message-1", NOW);

    @Test
    void aNewNotificationIsPendingAndDueAtOnce() {
        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notification.getNextAttemptAt()).isEqualTo(NOW);
        assertThat(notification.getAttempts()).isZero();
        assertThat(notification.getRecipient()).isEqualTo("c-1001");
    }

    @Test
    void aLeaseCountsTheAttemptAndHidesTheNotificationUntilItEnds() {
        notification.lease(NOW.plus(Duration.ofMinutes(1)));

        assertThat(notification.getAttempts()).isOne();
        assertThat(notification.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aFailedAttemptKeepsItPendingUntilTheNextAttempt() {
        notification.lease(NOW.plusSeconds(60));
        notification.failedAttempt("provider answered 503", NOW.plusSeconds(2));

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notification.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(notification.getLastError()).isEqualTo("provider answered 503");
    }

    @Test
    void sentIsFinalAndALateSecondReportChangesNothing() {
        notification.lease(NOW.plusSeconds(60));
        notification.sent("msg-1", NOW.plusSeconds(1));
        notification.sent("msg-2", NOW.plusSeconds(5));
        notification.failedAttempt("late timeout", NOW.plusSeconds(9));

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(notification.getProviderMessageId()).isEqualTo("msg-1");
        assertThat(notification.getSentAt()).isEqualTo(NOW.plusSeconds(1));
        assertThatIllegalStateException().isThrownBy(() -> notification.lease(NOW.plusSeconds(60)));
    }

    @Test
    void aRefusalEndsDeliveryAttempts() {
        notification.lease(NOW.plusSeconds(60));
        notification.refused("provider refused the message with 400");

        assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(notification.getSentAt()).isNull();
    }
}

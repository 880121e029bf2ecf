package dev.orderflow.notification.web;

import dev.orderflow.localstack.DatabaseOutage;
import dev.orderflow.localstack.HttpAnswer;
import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.notification.support.NotificationServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database that is away (restarting, failing over) answers 503 with Retry-After within the pool's 5 s. */
class DatabaseAwayIT extends NotificationServiceIT {

    @LocalServerPort
    int port;

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAway() {
        URI notifications = URI.create("http://127.0.0.1:" + port + "/api/notifications?customerId=c-" + UUID.randomUUID());

        String operator = StandInIssuer.shared().operator();

        assertThat(DatabaseOutage.whileAway(() -> HttpAnswer.get(notifications, operator)))
                .isEqualTo(new HttpAnswer(503, "1", "application/problem+json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> HttpAnswer.get(notifications, operator).status() == 200);
    }
}

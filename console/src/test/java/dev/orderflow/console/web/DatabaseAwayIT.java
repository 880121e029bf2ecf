package dev.orderflow.console.web;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.localstack.DatabaseOutage;
import dev.orderflow.localstack.HttpAnswer;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database that is away (restarting, failing over) answers 503 with Retry-After within the pool's 5 s. */
class DatabaseAwayIT extends ConsoleIT {

    @LocalServerPort
    int port;

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAway() {
        URI summary = URI.create("http://127.0.0.1:" + port + "/api/console/summary");
        String operator = StandInIssuer.shared().operator();

        assertThat(DatabaseOutage.whileAway(() -> HttpAnswer.get(summary, operator)))
                .isEqualTo(new HttpAnswer(503, "1", "application/problem+json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> HttpAnswer.get(summary, operator).status() == 200);
    }
}

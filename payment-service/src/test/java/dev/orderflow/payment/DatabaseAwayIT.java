package dev.orderflow.payment;

import dev.orderflow.localstack.DatabaseOutage;
import dev.orderflow.localstack.HttpAnswer;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database that is away (restarting, failing over) answers 503 with Retry-After within the pool's 5 s. */
class DatabaseAwayIT extends PaymentServiceIntegrationTest {

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAway() {
        URI anAccount = URI.create("http://127.0.0.1:" + port + "/api/accounts/c-" + UUID.randomUUID());
        String operator = StandInIssuer.shared().operator();

        assertThat(DatabaseOutage.whileAway(() -> HttpAnswer.get(anAccount, operator)))
                .isEqualTo(new HttpAnswer(503, "1", "application/problem+json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> HttpAnswer.get(anAccount, operator).status() == 404);
    }
}

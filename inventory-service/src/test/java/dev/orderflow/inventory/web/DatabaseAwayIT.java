package dev.orderflow.inventory.web;

import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.localstack.DatabaseOutage;
import dev.orderflow.localstack.HttpAnswer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** A database that is away (restarting, failing over) answers 503 with Retry-After within the pool's 5 s. */
@InventoryIntegrationTest
class DatabaseAwayIT {

    @Autowired
    MockMvc mvc;

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAway() {
        assertThat(DatabaseOutage.whileAway(this::listProducts))
                .isEqualTo(new HttpAnswer(503, "1", "application/problem+json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> listProducts().status() == 200);
    }

    private HttpAnswer listProducts() {
        try {
            MockHttpServletResponse response = mvc.perform(get("/api/products")).andReturn().getResponse();
            return new HttpAnswer(response.getStatus(), response.getHeader("Retry-After"), response.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.orderflow.console.web;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.StandInServices;
import dev.orderflow.console.support.StandInServices.Reply;
import dev.orderflow.localstack.StandInIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator resumes or compensates a stuck saga through the console: order-service's admin API does it, asked with
 * the operator's own token, and its answer comes back as it was; when it is away, a 503 to try again later.
 */
class SagaActionsIT extends ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StandInServices orderService = StandInServices.shared();
    private final String operator = StandInIssuer.shared().operator();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    @AfterEach
    void orderServiceAnswersAgain() {
        orderService.answer(Reply.ok());
        breakers.find("order-service").ifPresent(CircuitBreaker::reset);
    }

    @Test
    void resumesThroughOrderServiceWithTheOperatorsOwnToken() {
        UUID orderId = UUID.randomUUID();

        HttpResponse<String> answer = post("/api/console/orders/" + orderId + "/resume", operator);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"sent\"", "ReserveStock.v1");
        assertThat(orderService.requests()).contains(new StandInServices.Request("POST",
                "/api/admin/sagas/" + orderId + "/resume", "Bearer " + operator, ""));
    }

    @Test
    void relaysOrderServicesRefusalAsItCame() {
        UUID orderId = UUID.randomUUID();
        orderService.answer(new Reply(409, """
                {"title": "Saga has ended", "status": 409, "detail": "the saga of order %s already ended CONFIRMED",
                 "sagaStep": "CONFIRMED"}""".formatted(orderId)));

        HttpResponse<String> answer = post("/api/console/orders/" + orderId + "/compensate", operator);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("already ended CONFIRMED");
        assertThat(orderService.requests()).extracting(StandInServices.Request::path)
                .contains("/api/admin/sagas/" + orderId + "/compensate");
    }

    @Test
    void onlyAnAdministratorMayActAndNobodyElseReachesOrderService() {
        UUID orderId = UUID.randomUUID();

        HttpResponse<String> asCustomer = post("/api/console/orders/" + orderId + "/compensate",
                StandInIssuer.shared().customer("c-1"));
        HttpResponse<String> anonymous = post("/api/console/orders/" + orderId + "/resume", null);

        assertThat(asCustomer.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(orderService.requests()).extracting(StandInServices.Request::path)
                .noneMatch(path -> path.contains(orderId.toString()));
    }

    @Test
    void orderServiceFailingIsA503ToTryLaterAndAfterRepeatedFailuresItIsNotAskedForAWhile() {
        orderService.answer(new Reply(500, "{}"));

        for (int attempt = 0; attempt < 4; attempt++) {
            HttpResponse<String> answer = post("/api/console/orders/" + UUID.randomUUID() + "/resume", operator);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("10");
            assertThat(answer.body()).contains("order-service answered 500", "nothing was done");
        }
        int asked = orderService.requests().size();
        // Four failures of four calls: the circuit breaker opens (half of at least four calls failed).

        HttpResponse<String> whileOpen = post("/api/console/orders/" + UUID.randomUUID() + "/resume", operator);

        assertThat(whileOpen.statusCode()).isEqualTo(503);
        assertThat(whileOpen.body()).contains("not asked again yet");
        assertThat(orderService.requests()).hasSize(asked);
    }

    private HttpResponse<String> post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

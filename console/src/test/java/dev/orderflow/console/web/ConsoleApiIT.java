package dev.orderflow.console.web;

import dev.orderflow.console.domain.Milestone;
import dev.orderflow.console.store.OrderFlows;
import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.Sagas;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleApiIT extends ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    OrderFlows flows;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    private final String operator = StandInIssuer.shared().operator();
    private final UUID confirmed = UUID.randomUUID();
    private final UUID inFlight = UUID.randomUUID();

    @BeforeEach
    void aConfirmedOrderAndOneInFlight() {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Object> saga = Sagas.confirmed(confirmed, "c-1");
        for (int i = 0; i < saga.size(); i++) {
            record(saga.get(i), start.plusMillis(15L * i));
        }
        List<Object> second = Sagas.confirmed(inFlight, "c-2");
        record(second.get(0), start);
        record(second.get(1), start.plusMillis(5));
        record(second.get(2), start.plusMillis(40));
    }

    @Test
    void showsOneOrdersTimelineWithTheTimeOfEachHop() {
        Answer answer = get("/api/console/orders/" + confirmed, operator);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode order = answer.body().get("order");
        assertThat(order.get("outcome").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("durationMillis").asLong()).isEqualTo(75);
        assertThat(order.get("customerId").asString()).isEqualTo("c-1");
        assertThat(answer.body().get("spanMillis").asLong()).isEqualTo(105);
        JsonNode messages = answer.body().get("messages");
        assertThat(messages.valueStream().map(m -> m.get("type").asString())).containsExactly("OrderPlaced",
                "ReserveStock", "StockReserved", "AuthorizePayment", "PaymentAuthorized", "OrderConfirmed",
                "CommitStock", "StockCommitted");
        assertThat(messages.valueStream().map(m -> m.get("sincePreviousMillis").asLong()))
                .containsExactly(0L, 15L, 15L, 15L, 15L, 15L, 15L, 15L);
    }

    @Test
    void linksAnOrderToItsTraceWhereTheConsoleWasToldTracesAreShown() {
        UUID traced = UUID.randomUUID();
        Object placed = Sagas.confirmed(traced, "c-3").getFirst();
        Milestone milestone = Milestone.of(placed, UUID.randomUUID().toString(), "/orderflow/order-service",
                "orders.events", Instant.now());
        transactions.executeWithoutResult(status -> flows.record(milestone, "4bf92f3577b34da6a3ce929d0e0e4736"));

        Answer answer = get("/api/console/orders/" + traced, operator);

        assertThat(answer.body().get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(answer.body().get("traceUrl").asString())
                .isEqualTo("http://traces.test/trace/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(get("/api/console/orders/" + confirmed, operator).body().get("traceId").isNull())
                .as("no message of it carried a trace").isTrue();
    }

    @Test
    void listsOrdersInFlightWithTheirStepAndStuckOnes() {
        Answer inFlightOrders = get("/api/console/orders?state=IN_FLIGHT&limit=500", operator);
        Answer stuck = get("/api/console/orders?state=STUCK&stuckAfterSeconds=60&limit=500", operator);
        Answer finished = get("/api/console/orders?state=FINISHED&limit=500", operator);

        assertThat(inFlightOrders.status()).isEqualTo(200);
        JsonNode mine = inFlightOrders.body().valueStream()
                .filter(order -> order.get("orderId").asString().equals(inFlight.toString())).findFirst().orElseThrow();
        assertThat(mine.get("step").asString()).isEqualTo("STOCK_RESERVED");
        assertThat(mine.get("stepDescription").asString()).isEqualTo("stock reserved");
        assertThat(mine.get("waitingMillis").asLong()).isGreaterThanOrEqualTo(60_000);
        assertThat(stuck.body().valueStream().map(order -> order.get("orderId").asString())).contains(inFlight.toString());
        assertThat(finished.body().valueStream().map(order -> order.get("orderId").asString()))
                .contains(confirmed.toString()).doesNotContain(inFlight.toString());
    }

    @Test
    void summarisesOutcomesPerSecond() {
        Answer summary = get("/api/console/summary?windowSeconds=3600", operator);

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body().get("finished").get("CONFIRMED").asLong()).isPositive();
        assertThat(summary.body().get("perSecond").get("CONFIRMED").asDouble()).isPositive();
        assertThat(summary.body().get("inFlight").asLong()).isPositive();
    }

    @Test
    void anOrderNeverSeenIs404() {
        Answer answer = get("/api/console/orders/" + UUID.randomUUID(), operator);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void badParametersAre400() {
        assertThat(get("/api/console/orders?limit=0", operator).status()).isEqualTo(400);
        assertThat(get("/api/console/orders?state=LOST", operator).status()).isEqualTo(400);
        assertThat(get("/api/console/orders/not-a-uuid", operator).status()).isEqualTo(400);
        assertThat(get("/api/console/summary?windowSeconds=0", operator).status()).isEqualTo(400);
    }

    @Test
    void onlyAdministratorsMayLook() {
        String customer = StandInIssuer.shared().customer("c-1");

        for (String path : List.of("/api/console/orders", "/api/console/orders/" + confirmed, "/api/console/summary")) {
            Answer anonymous = get(path, null);
            Answer asCustomer = get(path, customer);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(asCustomer.status()).as(path).isEqualTo(403);
            assertThat(asCustomer.contentType()).as(path).isEqualTo("application/problem+json");
        }
    }

    private void record(Object message, Instant at) {
        Milestone milestone = Milestone.of(message, UUID.randomUUID().toString(), "/orderflow/test", "test", at);
        transactions.executeWithoutResult(status -> flows.record(milestone));
    }

    private Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body.isEmpty() ? null : json.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}

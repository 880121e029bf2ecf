package dev.orderflow.console.web;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.SagaTopicsProducer;
import dev.orderflow.console.support.StandInServices;
import dev.orderflow.console.support.StandInServices.Reply;
import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters read from the dead-letter topics, whatever their payload: per topic with the service that gave up on
 * them and why; replayed through that service's admin API with the operator's token, a dry run unless told otherwise.
 */
class DeadLettersIT extends ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SagaTopicsProducer topics = new SagaTopicsProducer();

    private final StandInServices services = StandInServices.shared();
    private final String operator = StandInIssuer.shared().operator();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @AfterAll
    static void close() {
        topics.close();
    }

    @AfterEach
    void servicesAnswerAgain() {
        services.answer(Reply.ok());
    }

    @Test
    void showsEachDeadLetterTopicWithWhoGaveUpAndTheLatestReason() {
        String first = topics.publishDeadLetter(UUID.randomUUID(), MessageCatalog.of(ReserveStock.class),
                "inventory-service", "dev.orderflow.messaging.PoisonMessageException", "SKU-1 cannot be reserved");
        String latest = topics.publishDeadLetter(UUID.randomUUID(), MessageCatalog.of(ReserveStock.class),
                "inventory-service", "dev.orderflow.messaging.MalformedMessageException", "lines: missing");

        JsonNode topic = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/console/dead-letters/topics")
                        .valueStream().filter(t -> t.get("topic").asString().equals("inventory.commands.dlt"))
                        .findFirst().orElse(null),
                found -> found != null && found.get("letters").asLong() >= 2
                        && found.get("latestReason").asString().contains("lines: missing"));

        assertThat(topic.get("originalTopic").asString()).isEqualTo("inventory.commands");
        assertThat(topic.get("consumerGroup").asString()).isEqualTo("inventory-service");
        assertThat(topic.get("latestReason").asString()).isEqualTo(
                "dev.orderflow.messaging.MalformedMessageException: lines: missing");
        JsonNode letters = get("/api/console/dead-letters?topic=inventory.commands.dlt&limit=500");
        assertThat(letters.valueStream().map(letter -> letter.get("id").asString())).contains(first, latest);
        JsonNode one = letters.valueStream().filter(letter -> letter.get("id").asString().equals(first)).findFirst()
                .orElseThrow();
        assertThat(one.get("type").asString()).isEqualTo(MessageCatalog.of(ReserveStock.class).name());
        assertThat(one.get("reason").asString()).contains("PoisonMessageException", "SKU-1 cannot be reserved");
    }

    @Test
    void replaysThroughTheServiceThatGaveUpWithADryRunUnlessToldOtherwise() {
        topics.publishDeadLetter(UUID.randomUUID(), MessageCatalog.of(PaymentAuthorized.class), "order-service",
                "java.lang.IllegalStateException", "the database said no");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/console/dead-letters/topics").valueStream()
                .anyMatch(t -> t.get("topic").asString().equals("payments.events.dlt")));
        services.answer(new Reply(200, """
                {"deadLetterTopic": "payments.events.dlt", "dryRun": true, "replayed": []}"""));

        HttpResponse<String> dryRun = post("/api/console/dead-letters/payments.events.dlt/replay", "{}", operator);
        HttpResponse<String> one = post("/api/console/dead-letters/payments.events.dlt/replay",
                "{\"partition\": 2, \"offset\": 7, \"dryRun\": false}", operator);

        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.body()).contains("\"dryRun\": true");
        assertThat(services.requests()).contains(
                new StandInServices.Request("POST", "/actuator/deadletters/payments.events.dlt",
                        "Bearer " + operator, "{\"dryRun\": true}"),
                new StandInServices.Request("POST", "/actuator/deadletters/payments.events.dlt",
                        "Bearer " + operator, "{\"dryRun\": false, \"partition\": 2, \"offset\": 7}"));
        assertThat(one.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesWhatIsNoDeadLetterTopicOrHasNoDeadLetterAndAnyoneButAnAdministrator() {
        assertThat(post("/api/console/dead-letters/orders.events/replay", "{}", operator).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/console/dead-letters/inventory.products.dlt/replay", "{}", operator).statusCode())
                .as("no dead letter seen there").isEqualTo(404);
        String customer = StandInIssuer.shared().customer("c-1");
        assertThat(post("/api/console/dead-letters/payments.events.dlt/replay", "{}", customer).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/console/dead-letters/payments.events.dlt/replay", "{}", null).statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/console/dead-letters/topics")).GET()
                .header("Authorization", "Bearer " + customer)).statusCode()).isEqualTo(403);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET()
                .header("Authorization", "Bearer " + operator));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

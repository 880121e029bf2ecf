package dev.orderflow.console.web;

import com.nimbusds.jwt.SignedJWT;
import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.StandInServices;
import dev.orderflow.console.support.StandInServices.Meter;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each service's outbox backlog on the console, read from the services' messaging gauges (stand-ins here, each at a
 * port of its own) with a token of the console's monitoring client from the issuer's token endpoint, never with the
 * operator's.
 */
class OutboxBacklogIT extends ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PENDING = "orderflow.messaging.outbox.pending";
    private static final String OLDEST = "orderflow.messaging.outbox.oldest.age";

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private final StandInServices services = StandInServices.shared();
    private final String operator = StandInIssuer.shared().operator();

    @BeforeEach
    void everyServiceButNotificationHasAnOutbox() {
        services.meters("order-service", Map.of(PENDING, Meter.of(3, null), OLDEST, Meter.of(1.5, "seconds")));
        services.meters("inventory-service", Map.of(PENDING, Meter.of(0, null), OLDEST, Meter.of(0, "seconds")));
        services.meters("payment-service", Map.of(PENDING, Meter.of(7, null), OLDEST, Meter.of(250, "milliseconds")));
        services.meters("notification-service", Map.of());
    }

    @Test
    void showsEachServicesBacklogAsItsGaugesSayIt() {
        JsonNode backlog = freshReading();

        assertThat(backlog.get("services").valueStream().map(s -> s.get("service").asString()))
                .containsExactly("order-service", "inventory-service", "payment-service", "notification-service");
        assertThat(service(backlog, "order-service").get("pending").asLong()).isEqualTo(3);
        assertThat(service(backlog, "order-service").get("oldestAgeMillis").asLong()).isEqualTo(1500);
        assertThat(service(backlog, "inventory-service").get("pending").asLong()).isZero();
        assertThat(service(backlog, "payment-service").get("pending").asLong()).isEqualTo(7);
        assertThat(service(backlog, "payment-service").get("oldestAgeMillis").asLong()).isEqualTo(250);
        assertThat(service(backlog, "notification-service").get("pending").isNull())
                .as("a service without outbox gauges").isTrue();
        assertThat(backlog.get("services").valueStream().map(s -> s.get("fresh").asBoolean())).containsOnly(true);
    }

    @Test
    void readsTheGaugesAsTheMonitoringClientNeverWithTheOperatorsToken() throws Exception {
        int before = services.metricReads().size();
        freshReading();

        List<StandInServices.MetricRead> reads = services.metricReads().subList(before, services.metricReads().size());
        assertThat(reads).extracting(StandInServices.MetricRead::service)
                .contains("order-service", "inventory-service", "payment-service", "notification-service");
        assertThat(reads).extracting(StandInServices.MetricRead::name).containsOnly(PENDING, OLDEST);
        for (StandInServices.MetricRead read : reads) {
            assertThat(read.authorization()).startsWith("Bearer ").isNotEqualTo("Bearer " + operator);
            var claims = SignedJWT.parse(read.authorization().substring("Bearer ".length())).getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(StandInIssuer.MONITOR_CLIENT);
            assertThat(claims.getStringListClaim("scope")).containsExactly("orderflow.metrics");
        }
    }

    @Test
    void showsTheLastFiguresOfAServiceThatDoesNotAnswerAndSaysSo() {
        freshReading();
        services.meters("payment-service", Map.of(PENDING, Meter.failing(503), OLDEST, Meter.failing(503)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode backlog = get();
            assertThat(backlog.get("fresh").asBoolean()).isFalse();
            JsonNode payment = service(backlog, "payment-service");
            assertThat(payment.get("fresh").asBoolean()).isFalse();
            assertThat(payment.get("pending").asLong()).as("the last figures").isEqualTo(7);
            assertThat(service(backlog, "order-service").get("fresh").asBoolean()).isTrue();
        });
    }

    @Test
    void isForAdministratorsOnly() throws Exception {
        assertThat(status(null)).isEqualTo(401);
        assertThat(status(StandInIssuer.shared().customer("c-1"))).isEqualTo(403);
        assertThat(status(StandInIssuer.shared().monitor())).as("the monitoring client's own token").isEqualTo(403);
    }

    /** A reading taken after the services show this test's meters (one kept from before may still be shown). */
    private JsonNode freshReading() {
        return await().atMost(Duration.ofSeconds(10)).until(this::get, backlog -> backlog.get("fresh").asBoolean()
                && service(backlog, "payment-service").get("pending").asLong() == 7
                && service(backlog, "notification-service").get("pending").isNull());
    }

    private static JsonNode service(JsonNode backlog, String name) {
        return backlog.get("services").valueStream().filter(s -> name.equals(s.get("service").asString()))
                .findFirst().orElseThrow();
    }

    private JsonNode get() throws Exception {
        HttpResponse<String> response = HTTP.send(request(operator).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int status(String token) throws Exception {
        HttpRequest.Builder request = token == null ? request(null) : request(token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest.Builder request(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/console/backlog")).header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}

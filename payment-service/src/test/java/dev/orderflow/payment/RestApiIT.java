package dev.orderflow.payment;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API over HTTP: accounts, payments, problems for bad input, the operational endpoints, and who may call
 * what. Requests are an administrator's (the operator client's token) unless a test says otherwise.
 */
class RestApiIT extends PaymentServiceIntegrationTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final StandInIssuer issuer = StandInIssuer.shared();
    private RestClient http;

    @BeforeEach
    void client() {
        http = client(issuer.operator());
    }

    private RestClient client(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    @Test
    void aCustomerReadsItsOwnAccountAndPaymentsOnly() {
        String customer = "c-rest-" + UUID.randomUUID();
        String other = "c-rest-" + UUID.randomUUID();
        put("/api/accounts/" + customer, limit("10.00"));
        put("/api/accounts/" + other, limit("10.00"));
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, Money.of("10.01", "EUR")));
        await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/payments?orderId=" + orderId)).size() == 1);
        RestClient asCustomer = client(issuer.customer(customer));
        RestClient asOther = client(issuer.customer(other));

        assertThat(asCustomer.get().uri("/api/accounts/" + customer).retrieve().toEntity(String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(asCustomer.get().uri("/api/payments?orderId=" + orderId).retrieve()
                .toEntity(String.class))).hasSize(1);
        ResponseEntity<String> othersAccount = asOther.get().uri("/api/accounts/" + customer).retrieve()
                .toEntity(String.class);
        ResponseEntity<String> unknownAccount = asOther.get().uri("/api/accounts/c-unknown-" + UUID.randomUUID())
                .retrieve().toEntity(String.class);
        assertThat(othersAccount.getStatusCode()).as("as unknown as an account that does not exist")
                .isEqualTo(unknownAccount.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(othersAccount.getBody()).doesNotContain("10.00");
        assertThat(body(asOther.get().uri("/api/payments?orderId=" + orderId).retrieve().toEntity(String.class)))
                .as("another customer's payments").isEmpty();
    }

    @Test
    void setsCreditLimitsForAnAdministratorOnly() {
        String customer = "c-rest-" + UUID.randomUUID();
        put("/api/accounts/" + customer, limit("10.00"));

        ResponseEntity<String> byCustomer = client(issuer.customer(customer)).put().uri("/api/accounts/" + customer)
                .contentType(MediaType.APPLICATION_JSON).body(limit("1000000.00")).retrieve().toEntity(String.class);
        ResponseEntity<String> anonymous = client(null).put().uri("/api/accounts/" + customer)
                .contentType(MediaType.APPLICATION_JSON).body(limit("1000000.00")).retrieve().toEntity(String.class);

        assertThat(byCustomer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertProblem(byCustomer);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertProblem(anonymous);
        assertThat(client(null).get().uri("/api/accounts/" + customer).retrieve().toEntity(String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(client(issuer.customer(customer)).get().uri("/actuator/prometheus").retrieve()
                .toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(body(get("/api/accounts/" + customer)).at("/creditLimit/amount").asString()).isEqualTo("10.00");
    }

    @Test
    void opensAnAccountAndReadsItBack() {
        String customer = "c-rest-" + UUID.randomUUID();

        ResponseEntity<String> created = put("/api/accounts/" + customer, limit("500.00"));
        ResponseEntity<String> read = get("/api/accounts/" + customer);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode account = body(read);
        assertThat(account.get("customerId").asString()).isEqualTo(customer);
        assertThat(account.at("/creditLimit/amount").asString()).isEqualTo("500.00");
        assertThat(account.at("/creditLimit/currency").asString()).isEqualTo("EUR");
        assertThat(account.at("/available/amount").asString()).isEqualTo("500.00");
        assertThat(account.at("/held/amount").asString()).isEqualTo("0.00");
    }

    @Test
    void movesAvailableCreditByTheDifferenceWhenTheLimitChanges() {
        String customer = "c-rest-" + UUID.randomUUID();
        put("/api/accounts/" + customer, limit("100.00"));
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, Money.of("70.00", "EUR")));
        await().atMost(Duration.ofSeconds(30)).until(() -> saga.reply(orderId, PaymentAuthorized.class).isPresent());

        ResponseEntity<String> raised = put("/api/accounts/" + customer, limit("150.00"));
        ResponseEntity<String> tooLow = put("/api/accounts/" + customer, limit("69.99"));

        assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(raised).at("/available/amount").asString()).isEqualTo("80.00");
        assertThat(tooLow.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertProblem(tooLow);
        assertThat(body(get("/api/accounts/" + customer)).at("/creditLimit/amount").asString()).isEqualTo("150.00");
    }

    @Test
    void listsThePaymentsOfAnOrderIncludingDeclines() {
        String customer = "c-rest-" + UUID.randomUUID();
        put("/api/accounts/" + customer, limit("10.00"));
        UUID orderId = UUID.randomUUID();
        saga.send(new AuthorizePayment(orderId, customer, Money.of("10.01", "EUR")));

        await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/payments?orderId=" + orderId)).size() == 1);
        JsonNode payment = body(get("/api/payments?orderId=" + orderId)).get(0);

        assertThat(payment.get("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(payment.get("customerId").asString()).isEqualTo(customer);
        assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
        assertThat(payment.get("reason").asString()).isEqualTo("INSUFFICIENT_CREDIT");
        assertThat(payment.at("/amount/amount").asString()).isEqualTo("10.01");
        assertThat(payment.hasNonNull("id")).isTrue();
        assertThat(payment.hasNonNull("createdAt")).isTrue();
    }

    @Test
    void answersAnEmptyListForAnOrderWithoutPayments() {
        ResponseEntity<String> response = get("/api/payments?orderId=" + UUID.randomUUID());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(response).isEmpty()).isTrue();
    }

    @Test
    void answersUnknownAccountsWithNotFound() {
        ResponseEntity<String> response = get("/api/accounts/c-unknown-" + UUID.randomUUID());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertProblem(response);
    }

    @Test
    void refusesBadInputWithProblemsNeverWithServerErrors() {
        String account = "/api/accounts/c-bad-" + UUID.randomUUID();

        assertBadRequest(get("/api/payments?orderId=not-a-uuid"));
        assertBadRequest(get("/api/payments"));
        assertBadRequest(put(account, "{\"creditLimit\":{\"amount\":\"-1.00\",\"currency\":\"EUR\"}}"));
        assertBadRequest(put(account, "{\"creditLimit\":{\"amount\":\"1.001\",\"currency\":\"EUR\"}}"));
        assertBadRequest(put(account, "{\"creditLimit\":{\"amount\":\"1.00\",\"currency\":\"USD\"}}"));
        assertBadRequest(put(account, "{\"creditLimit\":{\"amount\":\"lots\",\"currency\":\"EUR\"}}"));
        assertBadRequest(put(account, "{\"creditLimit\":null}"));
        assertBadRequest(put(account, "{}"));
        assertBadRequest(put(account, "{not json"));
        assertBadRequest(put("/api/accounts/" + "c".repeat(65), limit("1.00")));
        assertThat(get(account).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void showsTheCircuitBreakerInHealthAndMetrics() {
        JsonNode health = body(get("/actuator/health"));
        assertThat(health.at("/components/circuitBreakers/details/psp/details/state").asString()).isEqualTo("CLOSED");

        circuitBreaker().transitionToForcedOpenState();

        JsonNode whileOpen = body(get("/actuator/health"));
        assertThat(whileOpen.at("/components/circuitBreakers/details/psp/details/state").asString())
                .isEqualTo("FORCED_OPEN");
        assertThat(whileOpen.get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/prometheus").getBody())
                .contains("resilience4j_circuitbreaker_state{", "name=\"psp\"", "state=\"forced_open\"} 1.0");
    }

    @Test
    void servesProbesMetricsAndTheApiDescription() {
        assertThat(body(get("/actuator/health/liveness")).get("status").asString()).isEqualTo("UP");
        assertThat(body(get("/actuator/health/readiness")).get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/prometheus").getBody()).contains("orderflow_payment_outcomes_total");
        assertThat(body(get("/v3/api-docs")).at("/paths").has("/api/accounts/{customerId}")).isTrue();
        assertThat(get("/actuator/env").getStatusCode().is2xxSuccessful()).isFalse();
    }

    private void assertBadRequest(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(400, 422);
        assertProblem(response);
    }

    private void assertProblem(ResponseEntity<String> response) {
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(response.getBody()).isTrue();
        assertThat(body(response).get("detail").asString()).isNotBlank();
    }

    private ResponseEntity<String> get(String path) {
        return http.get().uri(path).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> put(String path, String body) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private static String limit(String amount) {
        return "{\"creditLimit\":{\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}}";
    }

    private static JsonNode body(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }
}

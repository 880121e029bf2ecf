package dev.orderflow.notification.web;

import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.CustomerNotice;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.Template;
import dev.orderflow.notification.store.Notifications;
import dev.orderflow.notification.support.NotificationServiceIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsApiIT extends NotificationServiceIT {

    @LocalServerPort
    int port;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    private final String customer = "c-" + UUID.randomUUID();
    private final UUID firstOrder = UUID.randomUUID();
    private final UUID secondOrder = UUID.randomUUID();
    private Notification confirmed;
    private Notification cancelled;
    private Notification rejected;

    @BeforeEach
    void aCustomerWithTwoOrders() {
        Instant now = Instant.now();
        confirmed = store(firstOrder, Template.ORDER_CONFIRMED, now.minusSeconds(30));
        cancelled = store(firstOrder, Template.ORDER_CANCELLED, now.minusSeconds(20));
        rejected = store(secondOrder, Template.ORDER_REJECTED, now.minusSeconds(10));
        store(UUID.randomUUID(), Template.ORDER_CONFIRMED, now, "c-" + UUID.randomUUID());
    }

    @Test
    void listsACustomersNotificationsOldestFirst() {
        Answer answer = get("/api/notifications?customerId=" + customer);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().valueStream().map(node -> node.get("id").asString()))
                .containsExactly(confirmed.getId().toString(), cancelled.getId().toString(), rejected.getId().toString());
        JsonNode first = answer.body().get(0);
        assertThat(first.get("orderId").asString()).isEqualTo(firstOrder.toString());
        assertThat(first.get("customerId").asString()).isEqualTo(customer);
        assertThat(first.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(first.get("template").asString()).isEqualTo("ORDER_CONFIRMED");
        assertThat(first.get("status").asString()).isIn("PENDING", "SENT");
        assertThat(first.has("sentAt")).isTrue();
        assertThat(first.has("body")).as("the message text stays inside").isFalse();
    }

    @Test
    void filtersByOrder() {
        Answer answer = get("/api/notifications?orderId=" + firstOrder);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().valueStream().map(node -> node.get("template").asString()))
                .containsExactly("ORDER_CONFIRMED", "ORDER_CANCELLED");
    }

    @Test
    void combinesCustomerAndOrderFilters() {
        assertThat(get("/api/notifications?customerId=" + customer + "&orderId=" + secondOrder).body()
                .valueStream().map(node -> node.get("id").asString()))
                .containsExactly(rejected.getId().toString());
        assertThat(get("/api/notifications?customerId=c-someone-else&orderId=" + secondOrder).body().isEmpty())
                .isTrue();
    }

    @Test
    void anUnknownCustomerHasNoNotifications() {
        Answer answer = get("/api/notifications?customerId=c-" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().isArray()).isTrue();
        assertThat(answer.body().isEmpty()).isTrue();
    }

    @Test
    void refusesToListWithoutAFilter() {
        assertProblem(get("/api/notifications"), 400, "customerId");
        assertProblem(get("/api/notifications?customerId="), 400, "customerId");
    }

    @Test
    void refusesAnOrderIdThatIsNoUuid() {
        assertProblem(get("/api/notifications?orderId=order-42"), 400, "orderId");
    }

    @Test
    void refusesAnOverlongCustomerId() {
        assertProblem(get("/api/notifications?customerId=" + "c".repeat(65)), 400, null);
    }

    @Test
    void exposesHealthGroupsMetricsAndApiDocs() {
        assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
        Answer readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").asString()).isEqualTo("UP");

        String prometheus = http().get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(StandInIssuer.shared().operator())).retrieve()
                .body(String.class);
        assertThat(prometheus)
                .contains("orderflow_notifications_sent_total")
                .contains("orderflow_notifications_failed_total")
                .contains("orderflow_notifications_pending")
                .contains("resilience4j_circuitbreaker_state");

        Answer apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.status()).isEqualTo(200);
        assertThat(apiDocs.body().get("paths").has("/api/notifications")).isTrue();
    }

    private void assertProblem(Answer answer, int status, String detailMentions) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON.toString());
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("title").asString()).isNotBlank();
        if (detailMentions != null) {
            assertThat(answer.body().get("detail").asString()).contains(detailMentions);
        }
    }

    private Notification store(UUID order, Template template, Instant at) {
        return store(order, template, at, customer);
    }

    private Notification store(UUID order, Template template, Instant at, String customerId) {
        Notification notification = Notification.pending(
                new CustomerNotice(order, customerId, template, Channel.EMAIL, "test message"), UUID.randomUUID().toString(), at);
        transactions.executeWithoutResult(status -> notifications.addIfAbsent(notification));
        return notification;
    }

    @Test
    void aCustomerReadsItsOwnNotificationsOnly() {
        String other = "c-" + UUID.randomUUID();

        Answer own = get("/api/notifications?customerId=" + customer, StandInIssuer.shared().customer(customer));
        Answer byOrder = get("/api/notifications?orderId=" + firstOrder, StandInIssuer.shared().customer(customer));
        Answer othersByOrder = get("/api/notifications?orderId=" + firstOrder, StandInIssuer.shared().customer(other));
        Answer othersByCustomer = get("/api/notifications?customerId=" + customer,
                StandInIssuer.shared().customer(other));
        Answer anonymous = get("/api/notifications?orderId=" + firstOrder, null);

        assertThat(own.body().size()).isEqualTo(3);
        assertThat(byOrder.body().size()).isEqualTo(2);
        assertThat(othersByOrder.status()).isEqualTo(200);
        assertThat(othersByOrder.body().size()).as("as for an order without notifications").isZero();
        assertThat(othersByCustomer.status()).isEqualTo(403);
        assertThat(othersByCustomer.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", StandInIssuer.shared().customer(customer)).status()).isEqualTo(403);
    }

    private Answer get(String path) {
        return get(path, StandInIssuer.shared().operator());
    }

    private Answer get(String path, String token) {
        return http().get().uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange((request, response) -> {
            byte[] body = response.getBody().readAllBytes();
            return new Answer(response.getStatusCode().value(),
                    String.valueOf(response.getHeaders().getContentType()),
                    body.length == 0 ? json.nullNode() : json.readTree(body));
        });
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}

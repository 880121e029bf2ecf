package dev.orderflow.order;

import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what with orders, with tokens the service checks as it checks real ones: a customer places, reads,
 * lists and cancels its own orders only, and another customer's order does not exist for it; an administrator acts
 * for anyone; without a token nothing is answered but health.
 */
@OrderServiceIntegrationTest
class OrdersAccessIT extends IntegrationTestSupport {

    private final StandInIssuer issuer = StandInIssuer.shared();

    @Test
    void aCustomerPlacesItsOwnOrdersWhetherOrNotItNamesItself() {
        String sku = newProduct("3.00");
        String customer = newCustomer();
        Api asCustomer = api.as(issuer.customer(customer));

        Api.Response unnamed = asCustomer.post("/api/orders", "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}");
        Api.Response named = asCustomer.post("/api/orders", orderJson(customer, Map.of(sku, 1)));

        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(202);
        assertThat(unnamed.json().get("customerId").asString()).isEqualTo(customer);
        assertThat(named.status()).as(named.toString()).isEqualTo(202);
        assertThat(storedEventsOfCustomer(customer)).isEqualTo(2);
    }

    @Test
    void aCustomerCannotPlaceAnOrderForAnother() {
        String sku = newProduct("3.00");
        String victim = newCustomer();

        Api.Response response = api.as(issuer.customer(newCustomer())).post("/api/orders",
                orderJson(victim, Map.of(sku, 1)));

        assertProblem(response, 403);
        assertThat(storedEventsOfCustomer(victim)).isZero();
    }

    @Test
    void anotherCustomersOrderDoesNotExistForACustomer() {
        String sku = newProduct("4.00");
        String owner = newCustomer();
        UUID orderId = idOf(placeOrder(owner, Map.of(sku, 1)));
        UUID unknown = UUID.randomUUID();
        Api intruder = api.as(issuer.customer(newCustomer()));

        for (String path : List.of("/api/orders/%s", "/api/orders/%s/events", "/api/orders/%s?asOf=" + Instant.now())) {
            Api.Response foreign = intruder.get(path.formatted(orderId));
            Api.Response missing = intruder.get(path.formatted(unknown));
            assertProblem(foreign, 404);
            assertThat(foreign.body().replace(orderId.toString(), "<id>")).as("told apart from an unknown order")
                    .isEqualTo(missing.body().replace(unknown.toString(), "<id>"));
            assertThat(foreign.body()).doesNotContain(owner);
        }
        assertProblem(intruder.post("/api/orders/" + orderId + "/cancel", null), 404);

        Api.Response asOwner = api.as(issuer.customer(owner)).get("/api/orders/" + orderId);
        assertThat(asOwner.status()).isEqualTo(200);
        assertThat(asOwner.json().get("status").asString()).as("not cancelled by the intruder")
                .isNotEqualTo("CANCELLED");
    }

    @Test
    void aCustomerCancelsItsOwnOrder() {
        String sku = newProduct("5.00");
        String owner = newCustomer();
        UUID orderId = idOf(placeOrder(owner, Map.of(sku, 1)));

        Api.Response cancelled = api.as(issuer.customer(owner)).post("/api/orders/" + orderId + "/cancel", null);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aCustomerListsItsOwnOrdersOnly() {
        String sku = newProduct("6.00");
        String customer = newCustomer();
        String other = newCustomer();
        placeOrder(customer, Map.of(sku, 1));
        placeOrder(other, Map.of(sku, 1));
        Api asCustomer = api.as(issuer.customer(customer));

        Api.Response own = asCustomer.get("/api/orders");

        assertThat(own.json().get("totalElements").asLong()).isEqualTo(1);
        assertThat(own.json().get("content").get(0).get("customerId").asString()).isEqualTo(customer);
        assertThat(asCustomer.get("/api/orders?customerId=" + customer).json().get("totalElements").asLong())
                .isEqualTo(1);
        assertProblem(asCustomer.get("/api/orders?customerId=" + other), 403);
    }

    @Test
    void answersNothingButHealthWithoutAToken() {
        String sku = newProduct("7.00");
        String customer = newCustomer();
        UUID orderId = idOf(placeOrder(customer, Map.of(sku, 1)));
        Api anonymous = api.anonymous();

        assertProblem(anonymous.get("/api/orders/" + orderId), 401);
        assertProblem(anonymous.get("/api/orders"), 401);
        assertProblem(anonymous.post("/api/orders", orderJson(customer, Map.of(sku, 1))), 401);
        assertProblem(anonymous.get("/actuator/prometheus"), 401);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(storedEventsOfCustomer(customer)).as("only the administrator's order").isEqualTo(1);
    }

    @Test
    void keepsOperationsForAdministrators() {
        Api asCustomer = api.as(issuer.customer(newCustomer()));

        assertProblem(asCustomer.post("/api/admin/projections/orders/rebuild", null), 403);
        assertProblem(asCustomer.get("/actuator/prometheus"), 403);
        assertThat(api.get("/actuator/prometheus").status()).as("the operator's token").isEqualTo(200);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}

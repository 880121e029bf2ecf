package dev.orderflow.order;

import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's actions on a saga stuck in a running step, through the admin API: resumed, its command goes out
 * again with a new deadline; compensated, it ends as its deadline would; a finished saga refuses both.
 */
@OrderServiceIntegrationTest
class SagaAdminIT extends IntegrationTestSupport {

    private final StandInIssuer issuer = StandInIssuer.shared();

    @Test
    void listsARunningSagaAndResumingItSendsItsCommandAgainWithANewDeadline() {
        String sku = newProduct("2.00");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 3)));
        awaitCommand(orderId, ReserveStock.class);
        Instant deadlineBefore = deadlineOf(orderId);

        Api.Response running = api.get("/api/admin/sagas?runningFor=PT0S&limit=500");
        assertThat(running.status()).as(running.toString()).isEqualTo(200);
        assertThat(running.json().valueStream().map(saga -> saga.get("orderId").asString()))
                .contains(orderId.toString());

        Api.Response resumed = api.post("/api/admin/sagas/" + orderId + "/resume", null);

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("saga").get("step").asString()).isEqualTo("RESERVING_STOCK");
        assertThat(resumed.json().get("sent").valueStream().map(JsonNode::asString))
                .containsExactly("dev.orderflow.inventory.ReserveStock.v1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(commandsFor(orderId))
                .filteredOn(ReserveStock.class::isInstance)
                .containsExactly(new ReserveStock(orderId, List.of(new StockLine(sku, 3))),
                        new ReserveStock(orderId, List.of(new StockLine(sku, 3)))));
        assertThat(deadlineOf(orderId)).isAfterOrEqualTo(deadlineBefore);

        // The participant answers the repeat as it answered the first: the saga goes on from there.
        peers().publish(orderId.toString(), null, new StockReserved(orderId, List.of(new StockLine(sku, 3))));
        awaitCommand(orderId, AuthorizePayment.class);
    }

    @Test
    void compensatingAStuckPaymentRejectsTheOrderReleasesTheStockAndRefunds() {
        String sku = newProduct("4.00");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        awaitCommand(orderId, ReserveStock.class);
        peers().publish(orderId.toString(), null, new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        awaitCommand(orderId, AuthorizePayment.class);

        Api.Response compensated = api.post("/api/admin/sagas/" + orderId + "/compensate", null);

        assertThat(compensated.status()).as(compensated.toString()).isEqualTo(200);
        assertThat(compensated.json().get("saga").get("step").asString()).isEqualTo("REJECTED");
        assertThat(compensated.json().get("sent").valueStream().map(JsonNode::asString)).containsExactly(
                "dev.orderflow.inventory.ReleaseStock.v1", "dev.orderflow.payment.RefundPayment.v1");
        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.get("failureReason").asString()).isEqualTo(RejectionReason.TIMED_OUT.name());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(commandsFor(orderId))
                .contains(new ReleaseStock(orderId), new RefundPayment(orderId, RejectionReason.TIMED_OUT)));

        Api.Response again = api.post("/api/admin/sagas/" + orderId + "/compensate", null);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("sagaStep").asString()).isEqualTo("REJECTED");
        Api.Response resumed = api.post("/api/admin/sagas/" + orderId + "/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(409);
    }

    @Test
    void onlyAnAdministratorActsOnSagasAndAnUnknownSagaIsNotFound() {
        String customer = newCustomer();
        String sku = newProduct("1.00");
        UUID orderId = idOf(placeOrder(customer, Map.of(sku, 1)));
        awaitCommand(orderId, ReserveStock.class);
        Api asCustomer = api.as(issuer.customer(customer));

        assertThat(asCustomer.post("/api/admin/sagas/" + orderId + "/compensate", null).status()).isEqualTo(403);
        assertThat(asCustomer.get("/api/admin/sagas").status()).isEqualTo(403);
        assertThat(api.anonymous().post("/api/admin/sagas/" + orderId + "/resume", null).status()).isEqualTo(401);
        assertThat(getOrder(orderId).get("status").asString()).isEqualTo("PENDING");

        Api.Response unknown = api.post("/api/admin/sagas/" + UUID.randomUUID() + "/resume", null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(api.get("/api/admin/sagas?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/admin/sagas?runningFor=soon").status()).isEqualTo(400);
    }

    private Instant deadlineOf(UUID orderId) {
        return jdbc.sql("SELECT deadline FROM place_order_saga WHERE order_id = :orderId").param("orderId", orderId)
                .query(java.time.OffsetDateTime.class).single().toInstant();
    }
}

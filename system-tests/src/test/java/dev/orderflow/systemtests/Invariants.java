package dev.orderflow.systemtests;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariants of DESIGN.md section 5, checked against each service's own data (never against what the test
 * remembers it did), once the system is quiet. Each check names the order or SKU that broke it.
 */
final class Invariants {

    static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final Map<String, String> TEMPLATE_OF_STATUS =
            Map.of("CONFIRMED", "ORDER_CONFIRMED", "REJECTED", "ORDER_REJECTED", "CANCELLED", "ORDER_CANCELLED");

    private final Api api;

    Invariants(Api api) {
        this.api = api;
    }

    /** I1: every order reaches a terminal status; answers the orders as they ended. */
    List<JsonNode> awaitTerminal(Collection<String> orderIds) {
        Duration patience = RunningSystem.SAGA_DEADLINE.multipliedBy(3).plusSeconds(30);
        List<JsonNode> ended = new ArrayList<>();
        for (String orderId : orderIds) {
            JsonNode order = await("order " + orderId + " to reach a terminal status (I1)")
                    .atMost(patience).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.order(orderId), found -> TERMINAL.contains(found.path("status").asString()));
            ended.add(order);
        }
        return ended;
    }

    JsonNode awaitStatus(String orderId, String status) {
        return await("order " + orderId + " to be " + status)
                .atMost(RunningSystem.SAGA_DEADLINE.multipliedBy(3).plusSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.order(orderId), found -> status.equals(found.path("status").asString()));
    }

    /** I1 to I5 for these orders and SKUs, waiting until the system is quiet. */
    void holdFor(Collection<String> orderIds, Collection<String> skus) {
        List<JsonNode> orders = awaitTerminal(orderIds);
        for (JsonNode order : orders) {
            String orderId = order.path("id").asString();
            await("payments of order " + orderId + " to settle (I3)").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> paymentsSettled(api.order(orderId)));
            await("notification of order " + orderId + " to be sent once (I4)").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> notifiedOnce(api.order(orderId)));
            eventsInSequence(orderId);
        }
        for (String sku : skus) {
            await("stock of " + sku + " to balance with nothing left reserved (I2)").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> stockBalances(sku));
        }
    }

    /** I2: initial + restocked = available + reserved + sold, available never negative, and the ledger agrees. */
    void stockBalances(String sku) {
        JsonNode product = api.product(sku);
        Map<String, Integer> moved = api.stockMovements(sku).stream().collect(Collectors.groupingBy(
                movement -> movement.path("type").asString(),
                Collectors.summingInt(movement -> movement.path("quantity").asInt())));
        int available = product.path("available").asInt();
        int reserved = product.path("reserved").asInt();
        int sold = product.path("sold").asInt();
        int received = moved.getOrDefault("RESTOCK", 0);
        assertThat(available).as("available of %s", sku).isNotNegative();
        assertThat(available + reserved + sold).as("available + reserved + sold of %s", sku).isEqualTo(received);
        assertThat(reserved).as("reserved of %s once quiet", sku).isZero();
        assertThat(sold).as("sold of %s by its ledger", sku)
                .isEqualTo(moved.getOrDefault("COMMIT", 0) - moved.getOrDefault("RETURN", 0));
    }

    /**
     * I3: authorized - refunded = total if CONFIRMED, else 0; at most one charge at the gateway, which is refunded
     * in full unless the order is CONFIRMED.
     */
    void paymentsSettled(JsonNode order) {
        String orderId = order.path("id").asString();
        boolean confirmed = "CONFIRMED".equals(order.path("status").asString());
        BigDecimal total = Api.amount(order.path("total"));
        List<JsonNode> payments = api.payments(orderId);
        BigDecimal held = payments.stream().filter(payment -> "AUTHORIZED".equals(payment.path("status").asString()))
                .map(payment -> Api.amount(payment.path("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(held).as("authorized - refunded for %s order %s", order.path("status").asString(), orderId)
                .isEqualByComparingTo(confirmed ? total : BigDecimal.ZERO);
        List<JsonNode> charges = api.pspCharges(orderId).stream()
                .filter(charge -> "SUCCEEDED".equals(charge.path("status").asString())).toList();
        assertThat(charges).as("successful gateway charges of order %s", orderId).hasSizeLessThanOrEqualTo(1);
        for (JsonNode charge : charges) {
            BigDecimal refunded = api.pspRefunds(charge.path("chargeId").asString()).stream()
                    .map(refund -> Api.amount(refund.path("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal kept = Api.amount(charge.path("amount")).subtract(refunded);
            assertThat(kept).as("charged - refunded at the gateway for order %s", orderId)
                    .isEqualByComparingTo(confirmed ? total : BigDecimal.ZERO);
        }
    }

    /** I4: the customer hears of the terminal status exactly once, and of no status twice. */
    void notifiedOnce(JsonNode order) {
        String orderId = order.path("id").asString();
        List<JsonNode> notifications = api.notifications(orderId);
        Map<String, Long> perTemplate = notifications.stream().collect(Collectors.groupingBy(
                notification -> notification.path("template").asString(), Collectors.counting()));
        assertThat(perTemplate.values()).as("notifications per template of order %s", orderId)
                .allMatch(count -> count == 1);
        String expected = TEMPLATE_OF_STATUS.get(order.path("status").asString());
        Map<String, JsonNode> byTemplate = notifications.stream()
                .collect(Collectors.toMap(notification -> notification.path("template").asString(),
                        Function.identity()));
        assertThat(byTemplate).as("notifications of order %s", orderId).containsKey(expected);
        assertThat(byTemplate.get(expected).path("status").asString())
                .as("delivery of %s for order %s", expected, orderId).isEqualTo("SENT");
    }

    /** I5 as the order's own history shows it: versions 1..n without gaps, starting with OrderPlaced. */
    void eventsInSequence(String orderId) {
        List<JsonNode> events = api.orderEvents(orderId);
        assertThat(events).as("events of order %s", orderId).isNotEmpty();
        assertThat(events.getFirst().path("type").asString()).isEqualTo("dev.orderflow.order.OrderPlaced.v1");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("version").asLong()).as("version of event %d of order %s", i, orderId)
                    .isEqualTo(i + 1L);
        }
        assertThat(api.order(orderId).path("version").asLong()).as("version of order %s", orderId)
                .isEqualTo(events.size());
    }
}

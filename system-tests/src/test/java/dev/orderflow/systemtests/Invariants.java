package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.Stack;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariants of docs/contract.md section 5, checked against each service's own data (never against what the test
 * remembers it did), once the system is quiet. Each check names the order or SKU that broke it. Public for the
 * suites in sub-packages (fault injection), which build it with {@link #of(Stack)}.
 */
public final class Invariants {

    public static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final Map<String, String> TEMPLATE_OF_STATUS =
            Map.of("CONFIRMED", "ORDER_CONFIRMED", "REJECTED", "ORDER_REJECTED", "CANCELLED", "ORDER_CANCELLED");

    private final Api api;

    Invariants(Api api) {
        this.api = api;
    }

    /** The checks for the services of this stack (the first instance of each answers). */
    public static Invariants of(Stack stack) {
        return new Invariants(new Api(stack));
    }

    /** I1: every order reaches a terminal status; answers the orders as they ended. */
    public List<JsonNode> awaitTerminal(Collection<String> orderIds) {
        Duration patience = RunningSystem.SAGA_DEADLINE.multipliedBy(3).plusSeconds(30);
        List<JsonNode> ended = new ArrayList<>();
        for (String orderId : orderIds) {
            JsonNode order = await("order " + orderId + " to reach a terminal status (I1)")
                    .atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.order(orderId), found -> TERMINAL.contains(found.path("status").asString()));
            ended.add(order);
        }
        return ended;
    }

    public JsonNode awaitStatus(String orderId, String status) {
        return await("order " + orderId + " to be " + status)
                .atMost(RunningSystem.SAGA_DEADLINE.multipliedBy(3).plusSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> api.order(orderId), found -> status.equals(found.path("status").asString()));
    }

    /** I1 to I5 for these orders and SKUs, waiting until the system is quiet. */
    public void holdFor(Collection<String> orderIds, Collection<String> skus) {
        List<JsonNode> orders = awaitTerminal(orderIds);
        for (JsonNode order : orders) {
            String orderId = order.path("id").asString();
            await("payments of order " + orderId + " to settle (I3)").atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> paymentsSettled(api.order(orderId)));
            await("notification of order " + orderId + " to be sent once (I4)").atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> notifiedOnce(api.order(orderId)));
            eventsInSequence(orderId);
        }
        for (String sku : skus) {
            await("stock of " + sku + " to balance with nothing left reserved (I2)").atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> stockBalances(sku));
        }
    }

    /** I2: initial + restocked = available + reserved + sold, available never negative, and the ledger agrees. */
    public void stockBalances(String sku) {
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
    public void paymentsSettled(JsonNode order) {
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
    public void notifiedOnce(JsonNode order) {
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

    /** I4: one payment per order, however often AuthorizePayment (or a refund) was delivered. */
    public void paidOnce(JsonNode order) {
        String orderId = order.path("id").asString();
        assertThat(api.payments(orderId)).as("payments of order %s", orderId).hasSizeLessThanOrEqualTo(1);
    }

    /**
     * I4 and I6 on one product's stock ledger, once quiet: each order of {@code orders} holding lines of the SKU
     * reserved, released, committed and returned it at most once each, holds nothing any more, and has sold its
     * quantity exactly if CONFIRMED; and the ledger moves stock for no other order. So a crash that lost a command
     * (a reservation never released) or replayed one (a second reservation) shows here, naming the order.
     *
     * @param orders every order that may have touched the SKU, as {@code GET /api/orders} answers them
     */
    public void ledgerSettled(String sku, Collection<JsonNode> orders) {
        Map<String, Map<String, List<Integer>>> movedPerOrder = api.stockMovements(sku).stream()
                .filter(movement -> !"RESTOCK".equals(movement.path("type").asString()))
                .collect(Collectors.groupingBy(movement -> movement.path("orderId").asString(),
                        Collectors.groupingBy(movement -> movement.path("type").asString(),
                                Collectors.mapping(movement -> movement.path("quantity").asInt(),
                                        Collectors.toList()))));
        List<String> broken = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (JsonNode order : orders) {
            String orderId = order.path("id").asString();
            known.add(orderId);
            int quantity = 0;
            for (JsonNode line : order.path("items")) {
                if (sku.equals(line.path("sku").asString())) {
                    quantity += line.path("quantity").asInt();
                }
            }
            Map<String, List<Integer>> moved = movedPerOrder.getOrDefault(orderId, Map.of());
            if (quantity == 0) {
                if (!moved.isEmpty()) {
                    broken.add("order %s has no line of %s but moved %s".formatted(orderId, sku, moved));
                }
                continue;
            }
            moved.forEach((type, quantities) -> {
                if (quantities.size() > 1) {
                    broken.add("order %s: %s of %s %d times %s".formatted(orderId, type, sku, quantities.size(),
                            quantities));
                }
            });
            int reserved = sum(moved, "RESERVE");
            int stillHeld = reserved - sum(moved, "RELEASE") - sum(moved, "COMMIT");
            int sold = sum(moved, "COMMIT") - sum(moved, "RETURN");
            String status = order.path("status").asString();
            int soldExpected = "CONFIRMED".equals(status) ? quantity : 0;
            if (stillHeld != 0 || sold != soldExpected || (reserved != 0 && reserved != quantity)) {
                broken.add("%s order %s (%d of %s): ledger %s leaves %d reserved and %d sold, expected 0 and %d"
                        .formatted(status, orderId, quantity, sku, moved, stillHeld, sold, soldExpected));
            }
        }
        movedPerOrder.keySet().stream().filter(orderId -> !known.contains(orderId)).forEach(orderId ->
                broken.add("the ledger of %s moves stock for order %s, which is none of the orders checked: %s"
                        .formatted(sku, orderId, movedPerOrder.get(orderId))));
        assertThat(broken).as("orders whose stock effects on %s are not exactly once (I4, I6)", sku).isEmpty();
    }

    private static int sum(Map<String, List<Integer>> moved, String type) {
        return moved.getOrDefault(type, List.of()).stream().mapToInt(Integer::intValue).sum();
    }

    /** I5 as the order's own history shows it: versions 1..n without gaps, starting with OrderPlaced. */
    public void eventsInSequence(String orderId) {
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

package dev.orderflow.systemtests.messages;

import dev.orderflow.events.Topics;
import dev.orderflow.localstack.launcher.OrderflowService;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message of a stream of real orders delivered again, the three ways a broker, a crash or an operator can:
 * at once with the same id (a redelivery), after the orders ended with the same id (a replay), and with the same
 * payload under a new id (a re-sent command, which only business idempotency stops). Once the system is quiet,
 * I1-I5 hold on every service's own data and each order has had every effect exactly once: one reservation, one
 * charge, one ledger entry per kind, one notification per template.
 */
class DuplicateDeliveryIT {

    private static final List<String> SAGA_TOPICS = List.of(Topics.ORDERS_EVENTS, Topics.INVENTORY_COMMANDS,
            Topics.INVENTORY_EVENTS, Topics.PAYMENTS_COMMANDS, Topics.PAYMENTS_EVENTS);
    private static final List<String> CUSTOMERS = List.of("c-1005", "c-1006", "c-1008", "c-1009", "c-1010");
    /** The demo customer whose credit (20 EUR) does not cover an order of 25 EUR. */
    private static final String LOW_CREDIT = "c-1007";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LiveSystem system = LiveSystem.get();
    private final Wire wire = system.wire();

    @Test
    void deliversEveryMessageAgainAndReplaysThemAllYetEachOrderHasItsEffectsOnce() {
        String plenty = "MSG-" + hex(8);
        String scarce = "MSG-" + hex(8);
        system.createProduct(plenty, "2.50", 500);
        system.createProduct(scarce, "4.00", 3);
        Map<String, OrderflowService> consumers = system.consumedTopics();
        assertThat(consumers).as("consumers of the saga's topics").containsKeys(SAGA_TOPICS.toArray(String[]::new));
        Map<String, Double> duplicatesBefore = duplicatesSkipped(consumers);

        Set<String> orderIds = ConcurrentHashMap.newKeySet();
        Map<String, String> cancelled = new LinkedHashMap<>();
        Redelivery.Counts counts;
        List<Redelivery.Original> originals;
        Set<String> newIds;
        try (Redelivery redelivery = new Redelivery(wire, SAGA_TOPICS, orderIds::contains)) {
            for (int i = 0; i < 20; i++) {
                orderIds.add(system.placeAcceptedOrder(CUSTOMERS.get(i % CUSTOMERS.size()), Map.of(plenty, 1 + i % 3)));
            }
            for (int i = 0; i < 3; i++) {
                orderIds.add(system.placeAcceptedOrder(LOW_CREDIT, Map.of(plenty, 10)));
            }
            for (int i = 0; i < 5; i++) {
                orderIds.add(system.placeAcceptedOrder(CUSTOMERS.get(i), Map.of(scarce, 1, plenty, 1)));
            }
            // Up to two confirmed orders are cancelled, so that refunds and returned stock are delivered again too (on a
            // machine so loaded that every saga missed its deadline there is none: the timeouts' compensations are).
            awaitTerminal(orderIds).values().stream().filter(order -> "CONFIRMED".equals(order.path("status").asString()))
                    .limit(2).forEach(order -> {
                        String orderId = order.path("id").asString();
                        LiveSystem.Response answer = system.post(OrderflowService.ORDER,
                                "/api/orders/" + orderId + "/cancel", "");
                        assertThat(answer.status()).as("cancelling %s: %s", orderId, answer).isBetween(200, 202);
                        cancelled.put(orderId, "CANCELLED");
                    });
            Map<String, JsonNode> ended = awaitTerminal(orderIds);
            cancelled.keySet().forEach(orderId -> assertThat(ended.get(orderId).path("status").asString())
                    .as("order %s after its cancellation", orderId).isEqualTo("CANCELLED"));

            redelivery.stopLive();
            awaitQuiet(consumers);
            redelivery.replayAll();
            counts = redelivery.counts();
            originals = redelivery.originals();
            newIds = redelivery.newIds();
        }
        awaitQuiet(consumers);

        assertThat(originals).as("messages of the orders seen on the topics").hasSizeGreaterThanOrEqualTo(5 * orderIds.size());
        assertThat(counts.exact().keySet()).as("topics that got exact copies").containsAll(SAGA_TOPICS);
        everyCopyReachedItsConsumer(consumers, duplicatesBefore, counts, newIds);

        system.checks().invariantsHoldFor(orderIds, List.of(plenty, scarce));
        List<String> broken = new ArrayList<>();
        for (String orderId : orderIds) {
            JsonNode order = system.order(orderId);
            broken.addAll(eventsOnce(order));
            broken.addAll(stockMovedOnce(order));
            broken.addAll(chargedOnce(order));
            broken.addAll(notifiedOncePerTemplate(order, cancelled.containsKey(orderId)));
        }
        assertThat(broken).as("effects that happened more (or less) than once, by order").isEmpty();
        system.assertEveryServiceReady();
    }

    // --- waiting

    private Map<String, JsonNode> awaitTerminal(Set<String> orderIds) {
        Map<String, JsonNode> ended = new HashMap<>();
        for (String orderId : orderIds) {
            ended.put(orderId, await("order " + orderId + " to reach a terminal status (I1)").atMost(PATIENCE)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> system.order(orderId),
                            found -> Set.of("CONFIRMED", "REJECTED", "CANCELLED").contains(found.path("status").asString())));
        }
        return ended;
    }

    /**
     * Quiet: every consumer group has committed the end of every saga topic, twice in a row with nothing new
     * written in between (a handled copy may have produced a reply, which is new work).
     */
    private void awaitQuiet(Map<String, OrderflowService> consumers) {
        Map<String, String> groups = SAGA_TOPICS.stream().collect(Collectors.toMap(topic -> topic,
                topic -> consumers.get(topic).module()));
        AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
        AtomicReference<Map<TopicPartition, String>> behind = new AtomicReference<>(Map.of());
        try {
            await("every consumer to catch up with the saga's topics").atMost(PATIENCE)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Map<TopicPartition, Long> end = wire.endOffsets(SAGA_TOPICS);
                        behind.set(wire.lag(groups));
                        return end.equals(last.getAndSet(end)) && behind.get().isEmpty();
                    });
        } catch (ConditionTimeoutException stuck) {
            throw new AssertionError(stuck.getMessage() + "; still behind: " + behind.get(), stuck);
        }
    }

    // --- proof that the copies arrived: the inbox skipped each exact copy and handled each new id

    private Map<String, Double> duplicatesSkipped(Map<String, OrderflowService> consumers) {
        Map<String, Double> skipped = new HashMap<>();
        for (String topic : SAGA_TOPICS) {
            skipped.put(topic, system.counter(consumers.get(topic), "orderflow_messaging_inbox_duplicates_total", topic));
        }
        return skipped;
    }

    private void everyCopyReachedItsConsumer(Map<String, OrderflowService> consumers, Map<String, Double> before,
            Redelivery.Counts counts, Set<String> newIds) {
        Map<String, Double> after = duplicatesSkipped(consumers);
        for (String topic : SAGA_TOPICS) {
            assertThat(after.get(topic) - before.get(topic))
                    .as("exact copies on %s skipped by %s's inbox", topic, consumers.get(topic))
                    .isGreaterThanOrEqualTo(counts.exact().getOrDefault(topic, 0));
        }
        long handled = 0;
        for (OrderflowService service : Set.copyOf(consumers.values())) {
            String database = service.database().orElseThrow();
            handled += ((Number) system.query(database,
                    "select count(*) as handled from messaging.inbox where message_id = any (?)",
                    (Object) newIds.toArray(String[]::new)).getFirst().get("handled")).longValue();
        }
        assertThat(handled).as("copies under a new id that a consumer handled (recorded in its inbox)")
                .isEqualTo(newIds.size());
    }

    // --- effects once, on each service's own data; every check names its order

    /** order-service: each kind of event at most once in the order's history (a replay appends nothing). */
    private List<String> eventsOnce(JsonNode order) {
        String orderId = order.path("id").asString();
        List<String> types = new ArrayList<>();
        system.ok(OrderflowService.ORDER, "/api/orders/" + orderId + "/events")
                .forEach(event -> types.add(event.path("type").asString()));
        return types.stream().distinct().count() == types.size() ? List.of()
                : List.of("order " + orderId + " has an event twice: " + types);
    }

    /** inventory-service: one reservation, and each kind of stock movement of each SKU at most once. */
    private List<String> stockMovedOnce(JsonNode order) {
        String orderId = order.path("id").asString();
        List<String> broken = new ArrayList<>();
        List<Map<String, Object>> reservations = system.query("inventory",
                "select status from reservation where order_id = ?", orderId);
        if (reservations.size() > 1) {
            broken.add("order " + orderId + " has " + reservations.size() + " reservations");
        }
        system.query("inventory", """
                select sku, type, count(*) as times, sum(quantity) as units from stock_movement
                where order_id = ? group by sku, type having count(*) > 1""", orderId)
                .forEach(row -> broken.add("order " + orderId + ": stock movement " + row.get("type") + " of "
                        + row.get("sku") + " recorded " + row.get("times") + " times (" + row.get("units") + " units)"));
        String status = order.path("status").asString();
        String reservation = reservations.isEmpty() ? null : (String) reservations.getFirst().get("status");
        boolean expected = switch (status) {
            case "CONFIRMED" -> "COMMITTED".equals(reservation);
            case "CANCELLED" -> "RELEASED".equals(reservation);
            default -> reservation == null || Set.of("RELEASED", "REJECTED").contains(reservation);
        };
        if (!expected) {
            broken.add("order " + orderId + " is " + status + " but its reservation is " + reservation);
        }
        return broken;
    }

    /** payment-service: one payment, at most one charge and one refund in the ledger, and a refund only of a charge. */
    private List<String> chargedOnce(JsonNode order) {
        String orderId = order.path("id").asString();
        List<String> broken = new ArrayList<>();
        long payments = ((Number) system.query("payments", "select count(*) as n from payments where order_id = ?",
                orderId).getFirst().get("n")).longValue();
        if (payments > 1) {
            broken.add("order " + orderId + " has " + payments + " payments");
        }
        Map<String, Long> ledger = system.query("payments",
                "select kind, count(*) as n from ledger_entries where order_id = ? group by kind", orderId).stream()
                .collect(Collectors.toMap(row -> (String) row.get("kind"), row -> ((Number) row.get("n")).longValue()));
        ledger.forEach((kind, times) -> {
            if (times > 1) {
                broken.add("order " + orderId + " has " + times + " ledger entries " + kind);
            }
        });
        if (ledger.containsKey("REFUND") && !ledger.containsKey("CHARGE")) {
            broken.add("order " + orderId + " was refunded without a charge in the ledger");
        }
        String status = order.path("status").asString();
        if ("CONFIRMED".equals(status) && (!ledger.containsKey("CHARGE") || ledger.containsKey("REFUND"))) {
            broken.add("order " + orderId + " is CONFIRMED with ledger " + ledger);
        }
        return broken;
    }

    /** notification-service: one notification per template, and only those of the order's history. */
    private List<String> notifiedOncePerTemplate(JsonNode order, boolean cancelledAfterConfirmation) {
        String orderId = order.path("id").asString();
        Map<String, Long> templates = system.notifications(orderId).stream().collect(Collectors.groupingBy(
                notification -> notification.path("template").asString(), Collectors.counting()));
        Map<String, Long> expected = switch (order.path("status").asString()) {
            case "CONFIRMED" -> Map.of("ORDER_CONFIRMED", 1L);
            case "REJECTED" -> Map.of("ORDER_REJECTED", 1L);
            case "CANCELLED" -> cancelledAfterConfirmation
                    ? Map.of("ORDER_CONFIRMED", 1L, "ORDER_CANCELLED", 1L) : Map.of("ORDER_CANCELLED", 1L);
            default -> Map.of();
        };
        return templates.equals(expected) ? List.of()
                : List.of("order " + orderId + " (" + order.path("status").asString() + ") has notifications "
                        + templates + ", expected " + expected);
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length).toUpperCase();
    }
}

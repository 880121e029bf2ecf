package dev.orderflow.order;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.KafkaPeers;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The place-order saga on real Kafka: the test plays inventory and payment, and watches the commands. */
@OrderServiceIntegrationTest
class PlaceOrderSagaIT extends IntegrationTestSupport {

    @Autowired
    private MeterRegistry meters;

    private String sku;
    private UUID orderId;
    private final String customer = newCustomer();

    /** An order of two units at 12.50: ReserveStock is on its way. */
    private UUID placeAnOrder() {
        sku = newProduct("12.50");
        orderId = idOf(placeOrder(customer, Map.of(sku, 2)));
        assertThat(awaitCommand(orderId, ReserveStock.class))
                .isEqualTo(new ReserveStock(orderId, List.of(new StockLine(sku, 2))));
        return orderId;
    }

    private void inventoryReserves() {
        peers().publish(orderId.toString(), null, new StockReserved(orderId, List.of(new StockLine(sku, 2))));
    }

    private PaymentAuthorized paymentAuthorized() {
        return new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("25.00", "EUR"));
    }

    @Test
    void confirmsOrderWhenStockIsReservedAndPaymentAuthorized() {
        placeAnOrder();

        inventoryReserves();
        assertThat(awaitCommand(orderId, AuthorizePayment.class))
                .isEqualTo(new AuthorizePayment(orderId, customer, Money.of("25.00", "EUR"), new AuthorizePayment.Basket(1, 2)));
        peers().publish(orderId.toString(), null, paymentAuthorized());
        awaitCommand(orderId, CommitStock.class);

        JsonNode order = awaitStatus(orderId, "CONFIRMED");
        assertThat(order.get("version").asLong()).isEqualTo(2);
        assertThat(order.get("failureReason").isNull()).isTrue();
        assertThat(commandsFor(orderId)).containsExactly(new ReserveStock(orderId, List.of(new StockLine(sku, 2))),
                new AuthorizePayment(orderId, customer, Money.of("25.00", "EUR"), new AuthorizePayment.Basket(1, 2)), new CommitStock(orderId));
        List<KafkaPeers.Received> published = await().atMost(PATIENCE)
                .until(() -> peers().orderEventsFor(orderId), events -> events.size() == 2);
        assertThat(published).extracting(KafkaPeers.Received::sequence).containsExactly(1L, 2L);
        assertThat(published.get(0).payload()).isInstanceOf(OrderPlaced.class);
        assertThat(published.get(1).payload()).isInstanceOf(OrderConfirmed.class);
    }

    @Test
    void rejectsOrderWhenStockIsShort() {
        placeAnOrder();

        peers().publish(orderId.toString(), null,
                new StockRejected(orderId, List.of(new StockRejected.Shortage(sku, 2, 1))));

        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.get("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(commandsFor(orderId)).hasSize(1);
    }

    @Test
    void releasesStockAndRejectsOrderWhenPaymentIsDeclined() {
        placeAnOrder();
        inventoryReserves();
        awaitCommand(orderId, AuthorizePayment.class);

        peers().publish(orderId.toString(), null,
                new PaymentDeclined(orderId, DeclineReason.INSUFFICIENT_CREDIT, "limit 10.00"));

        assertThat(awaitCommand(orderId, ReleaseStock.class)).isEqualTo(new ReleaseStock(orderId));
        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.get("failureReason").asString()).isEqualTo("INSUFFICIENT_CREDIT");
    }

    @Test
    void refundsAnAuthorizationThatArrivesAfterTheOrderWasRejected() {
        placeAnOrder();
        inventoryReserves();
        awaitCommand(orderId, AuthorizePayment.class);
        peers().publish(orderId.toString(), null,
                new PaymentDeclined(orderId, DeclineReason.PAYMENT_UNAVAILABLE, "PSP down"));
        awaitStatus(orderId, "REJECTED");

        peers().publish(orderId.toString(), null, paymentAuthorized());

        assertThat(awaitCommand(orderId, RefundPayment.class))
                .isEqualTo(new RefundPayment(orderId, RejectionReason.PAYMENT_UNAVAILABLE));
        JsonNode order = getOrder(orderId);
        assertThat(order.get("status").asString()).as("still rejected").isEqualTo("REJECTED");
        assertThat(order.get("failureReason").asString()).isEqualTo("PAYMENT_UNAVAILABLE");
    }

    @Test
    void timesOutASagaWithoutRepliesAndCompensatesWhatItAskedFor() {
        placeAnOrder();
        inventoryReserves();
        awaitCommand(orderId, AuthorizePayment.class);
        double ignoredBefore = ignoredReplies("PaymentAuthorized");

        clock.advance(Duration.ofSeconds(31));

        assertThat(awaitCommand(orderId, RefundPayment.class))
                .isEqualTo(new RefundPayment(orderId, RejectionReason.TIMED_OUT));
        assertThat(awaitCommand(orderId, ReleaseStock.class)).isEqualTo(new ReleaseStock(orderId));
        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.get("failureReason").asString()).isEqualTo("TIMED_OUT");

        // The payment service processes the refund after the authorization: nothing more to do for a late reply.
        peers().publish(orderId.toString(), null, paymentAuthorized());
        await().atMost(PATIENCE).until(() -> ignoredReplies("PaymentAuthorized") > ignoredBefore);
        assertThat(commandsFor(orderId).stream().filter(RefundPayment.class::isInstance)).hasSize(1);
        assertThat(getOrder(orderId).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void cancellingAPendingOrderReleasesItsStockAndAsksForNoRefund() {
        placeAnOrder();

        JsonNode cancelled = api.post("/api/orders/" + orderId + "/cancel", null).json();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("failureReason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        awaitCommand(orderId, ReleaseStock.class);
        // a reservation that crossed the cancel is released by the ReleaseStock behind it: the saga ignores it
        double ignoredBefore = ignoredReplies("StockReserved");
        inventoryReserves();
        peers().publish(orderId.toString(), null, new StockReleased(orderId, List.of(new StockLine(sku, 2))));
        await().atMost(PATIENCE).until(() -> ignoredReplies("StockReserved") > ignoredBefore);
        assertThat(commandsFor(orderId)).containsExactly(new ReserveStock(orderId, List.of(new StockLine(sku, 2))),
                new ReleaseStock(orderId));
    }

    @Test
    void cancellingAConfirmedOrderReleasesTheSoldStockAndRefundsThePayment() {
        placeAnOrder();
        inventoryReserves();
        awaitCommand(orderId, AuthorizePayment.class);
        peers().publish(orderId.toString(), null, paymentAuthorized());
        awaitStatus(orderId, "CONFIRMED");

        JsonNode cancelled = api.post("/api/orders/" + orderId + "/cancel", null).json();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("version").asLong()).isEqualTo(3);
        assertThat(awaitCommand(orderId, RefundPayment.class))
                .isEqualTo(new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED));
        awaitCommand(orderId, ReleaseStock.class);
    }

    @Test
    void theSameReplyDeliveredTwiceHasOneEffect() {
        placeAnOrder();
        String messageId = UUID.randomUUID().toString();
        StockReserved reserved = new StockReserved(orderId, List.of(new StockLine(sku, 2)));

        peers().publish(messageId, orderId.toString(), null, reserved);
        peers().publish(messageId, orderId.toString(), null, reserved);
        awaitCommand(orderId, AuthorizePayment.class);
        // and the same authorization twice, as two messages: the second finds the saga finished
        double ignoredBefore = ignoredReplies("PaymentAuthorized");
        PaymentAuthorized authorized = paymentAuthorized();
        peers().publish(orderId.toString(), null, authorized);
        peers().publish(orderId.toString(), null, authorized);

        awaitCommand(orderId, CommitStock.class);
        await().atMost(PATIENCE).until(() -> ignoredReplies("PaymentAuthorized") > ignoredBefore);
        assertThat(commandsFor(orderId)).containsExactly(new ReserveStock(orderId, List.of(new StockLine(sku, 2))),
                new AuthorizePayment(orderId, customer, Money.of("25.00", "EUR"), new AuthorizePayment.Basket(1, 2)), new CommitStock(orderId));
        assertThat(getOrder(orderId).get("version").asLong()).isEqualTo(2);
    }

    private double ignoredReplies(String reply) {
        var counter = meters.find("orderflow.saga.replies.ignored").tag("reply", reply).counter();
        return counter == null ? 0 : counter.count();
    }
}

package dev.orderflow.order;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deciders racing for one saga: a reply against a cancel, the deadline scan against a busy saga. */
@OrderServiceIntegrationTest
class SagaConcurrencyIT extends IntegrationTestSupport {

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void anAuthorizationRacingACancelEndsCancelledWithExactlyOneRefund() {
        String sku = newProduct("8.00");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        awaitCommand(orderId, ReserveStock.class);
        peers().publish(orderId.toString(), null, new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        awaitCommand(orderId, AuthorizePayment.class);

        CompletableFuture<Api.Response> cancel =
                CompletableFuture.supplyAsync(() -> api.post("/api/orders/" + orderId + "/cancel", null));
        peers().publish(orderId.toString(), null,
                new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("8.00", "EUR")));

        assertThat(cancel.join().status()).isEqualTo(200);
        awaitStatus(orderId, "CANCELLED");
        // Either the authorization came first (CONFIRMED, CommitStock, then the cancel refunds) or the cancel did
        // (its RefundPayment follows the AuthorizePayment, so the late authorization needs nothing more).
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(commandsFor(orderId))
                .filteredOn(RefundPayment.class::isInstance).hasSize(1));
        assertThat(commandsFor(orderId)).filteredOn(ReleaseStock.class::isInstance).hasSize(1);
    }

    @Test
    void theDeadlineScanSkipsASagaSomeoneHoldsInsteadOfWaitingForIt() throws Exception {
        String sku = newProduct("9.00");
        UUID held = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        UUID free = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("SELECT order_id FROM place_order_saga WHERE order_id = :id FOR UPDATE")
                    .param("id", held).query(UUID.class).single();
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofSeconds(31));

        assertThat(awaitStatus(free, "REJECTED").get("failureReason").asString()).isEqualTo("TIMED_OUT");
        assertThat(getOrder(held).get("status").asString()).as("skipped while held").isEqualTo("PENDING");
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(awaitStatus(held, "REJECTED").get("failureReason").asString()).isEqualTo("TIMED_OUT");
        assertThat(awaitCommand(held, ReleaseStock.class)).isEqualTo(new ReleaseStock(held));
    }
}

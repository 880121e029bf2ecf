package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The saga when the world misbehaves: a gateway outage, a participant down past the deadline, a cancel mid-way. */
class FailureIT extends EndToEndTest {

    @Test
    void rejectsAsPaymentUnavailableDuringAGatewayOutageAndRecoversAfterIt() {
        String sku = catalog.newProduct("8.00", 10);
        api.pspFaults(true);
        String orderId;
        try {
            orderId = api.placeAcceptedOrder("c-1005", new Api.Line(sku, 1));
            JsonNode rejected = invariants.awaitStatus(orderId, "REJECTED");
            assertThat(rejected.path("failureReason").asString()).isEqualTo("PAYMENT_UNAVAILABLE");
        } finally {
            api.pspFaults(false);
        }

        // Once the gateway is back (and the circuit breaker lets a trial call through), orders confirm again.
        String after = await("an order to confirm after the outage").atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String probe = api.placeAcceptedOrder("c-1005", new Api.Line(sku, 1));
                    return invariants.awaitTerminal(List.of(probe)).getFirst();
                }, order -> "CONFIRMED".equals(order.path("status").asString()))
                .path("id").asString();
        invariants.holdFor(List.of(orderId, after), List.of(sku));
    }

    @Test
    void timesOutWhilePaymentIsDownAndUndoesTheLateAuthorizationWhenItComesBack() {
        String sku = catalog.newProduct("15.00", 10);
        ServiceProcess payment = RunningSystem.stack().service(OrderflowService.PAYMENT);
        payment.kill();
        String timedOut;
        String cancelled;
        String compensated;
        try {
            timedOut = api.placeAcceptedOrder("c-1006", new Api.Line(sku, 2));
            cancelled = api.placeAcceptedOrder("c-1006", new Api.Line(sku, 1));
            compensated = api.placeAcceptedOrder("c-1006", new Api.Line(sku, 3));
            // All three hold stock and wait for a payment service that is gone.
            await("stock to be reserved for the three orders").atMost(Duration.ofSeconds(30))
                    .until(() -> api.product(sku).path("reserved").asInt() == 6);

            Api.Response cancel = api.cancel(cancelled);
            assertThat(cancel.status()).as("%s", cancel).isBetween(200, 202);
            assertThat(invariants.awaitStatus(cancelled, "CANCELLED").path("failureReason").asString())
                    .isEqualTo("CUSTOMER_CANCELLED");
            // An operator gives up on the third at the console, before its deadline: order-service compensates it.
            Api.Response compensate = api.consoleAction(compensated, "compensate");
            assertThat(compensate.status()).as("%s", compensate).isEqualTo(200);
            assertThat(compensate.body().path("saga").path("step").asString()).isEqualTo("REJECTED");
            assertThat(invariants.awaitStatus(compensated, "REJECTED").path("failureReason").asString())
                    .isEqualTo("TIMED_OUT");
            JsonNode rejected = invariants.awaitStatus(timedOut, "REJECTED");
            assertThat(rejected.path("failureReason").asString()).isEqualTo("TIMED_OUT");
            assertThat(api.consoleAction(compensated, "resume").status()).as("an ended saga").isEqualTo(409);
        } finally {
            payment.start().awaitReady();
        }

        // The payment service now sees each AuthorizePayment, then the RefundPayment that compensates it.
        invariants.holdFor(List.of(timedOut, cancelled, compensated), List.of(sku));
        assertThat(api.product(sku).path("available").asInt()).isEqualTo(10);
    }
}

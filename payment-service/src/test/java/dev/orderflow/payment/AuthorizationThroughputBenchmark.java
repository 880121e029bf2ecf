package dev.orderflow.payment;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authorizations per second through Kafka, PostgreSQL and the (simulated) gateway, with the gateway answering at once
 * and in 100 ms; every one must be authorized. Charging inside three consumer threads could not authorize N orders
 * in less than N x 100 ms / 3 (5 s here); on a quiet machine the charge worker does, on a busy one the figures show
 * where the time goes. A measurement, not part of {@code verify} (its figures depend on the machine; that commands
 * never wait on the gateway is {@code ChargeWorkerIT}'s to prove): run it with
 * {@code -Dit.test=AuthorizationThroughputBenchmark}. It uses the production read timeout, so a busy machine does not
 * turn slow answers into declines.
 */
@TestPropertySource(properties = "orderflow.payment.psp.read-timeout=2s")
class AuthorizationThroughputBenchmark extends PaymentServiceIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationThroughputBenchmark.class);
    private static final int ORDERS = 150;

    @ParameterizedTest(name = "gateway latency {0} ms")
    @ValueSource(ints = {0, 100})
    void authorizesEveryOrderOfABurst(int gatewayLatencyMs) {
        List<AuthorizePayment> commands = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String customer = "c-tp-" + UUID.randomUUID();
            creditLimits.setLimit(customer, eur("100.00"));
            commands.add(new AuthorizePayment(UUID.randomUUID(), customer, eur("10.00")));
        }
        simulator.pspFaults(Map.of("latencyMs", gatewayLatencyMs));

        long start = System.nanoTime();
        commands.forEach(saga::sendAsync);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> commands.stream()
                .noneMatch(command -> saga.repliesFor(command.orderId()).isEmpty()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(commands).allSatisfy(command -> assertThat(saga.repliesFor(command.orderId()))
                .singleElement().isInstanceOf(PaymentAuthorized.class));

        log.info("{} authorizations with the gateway answering in {} ms: {} ms, {} per second", ORDERS,
                gatewayLatencyMs, took.toMillis(), Math.round(ORDERS * 1000.0 / Math.max(1, took.toMillis())));
    }
}

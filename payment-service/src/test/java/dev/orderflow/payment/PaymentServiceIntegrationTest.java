package dev.orderflow.payment;

import dev.orderflow.events.Money;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.payment.cashier.CreditLimits;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.support.RunningSimulator;
import dev.orderflow.payment.support.SagaSide;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One application context for all integration tests of payment-service: real Kafka and PostgreSQL, the real
 * simulator as the gateway. Timeouts are shortened so the slow and broken gateway cases finish quickly. The charge
 * worker's scan is all but switched off, so every authorization relies on the wake-up after its hold commits (a
 * missed wake-up shows as a timeout); tests of dead workers wake it themselves once a lease has run out. The
 * service trusts the tokens of a {@link StandInIssuer}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.payment.psp.read-timeout=1s",
        "resilience4j.circuitbreaker.instances.psp.wait-duration-in-open-state=1s",
        "resilience4j.retry.instances.psp.wait-duration=50ms",
        "orderflow.payment.reconciliation.interval=500ms",
        "orderflow.payment.reconciliation.grace=2s",
        "orderflow.payment.charging.poll-interval=1h",
})
@Import({RealInfrastructure.class, StandInIssuer.Trusted.class})
abstract class PaymentServiceIntegrationTest {

    protected static final RunningSimulator simulator = RunningSimulator.get();
    protected static final Duration REPLY_WITHIN = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    @Autowired
    protected CircuitBreakerRegistry circuitBreakers;

    @Autowired
    protected CreditLimits creditLimits;

    protected SagaSide saga;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("orderflow.payment.psp.base-url", simulator::baseUrl);
    }

    @BeforeEach
    void joinTheSaga() {
        // Only now: the application has declared the topics the saga side reads and writes.
        saga = SagaSide.get();
    }

    @BeforeEach
    @AfterEach
    void healTheGateway() {
        simulator.healPsp();
        circuitBreaker().reset();
    }

    protected CircuitBreaker circuitBreaker() {
        return circuitBreakers.circuitBreaker(PaymentGatewayClient.PSP);
    }

    /** The first reply of this type for the order, once it came. */
    protected <E> E awaitReply(UUID orderId, Class<E> type) {
        return await().atMost(REPLY_WITHIN).until(() -> saga.repliesFor(orderId).stream()
                .filter(type::isInstance).map(type::cast).findFirst().orElse(null), reply -> reply != null);
    }

    /** A new customer with this credit limit, none of it in use. */
    protected String customerWithCredit(String limit) {
        String customer = "c-it-" + UUID.randomUUID();
        creditLimits.setLimit(customer, eur(limit));
        return customer;
    }

    protected CreditAccount account(String customer) {
        return creditLimits.account(customer).orElseThrow();
    }

    protected Money available(String customer) {
        return account(customer).available();
    }

    protected static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}

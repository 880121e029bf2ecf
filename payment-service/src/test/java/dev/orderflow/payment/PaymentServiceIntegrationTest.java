package dev.orderflow.payment;

import dev.orderflow.localstack.RealInfrastructure;
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

/**
 * One application context for all integration tests of payment-service: real Kafka and PostgreSQL, the real
 * simulator as the gateway. Timeouts are shortened so the slow and broken gateway cases finish quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.payment.psp.read-timeout=500ms",
        "resilience4j.circuitbreaker.instances.psp.wait-duration-in-open-state=1s",
        "resilience4j.retry.instances.psp.wait-duration=50ms",
        "orderflow.payment.reconciliation.interval=500ms",
        "orderflow.payment.reconciliation.grace=2s",
})
@Import(RealInfrastructure.class)
abstract class PaymentServiceIntegrationTest {

    protected static final RunningSimulator simulator = RunningSimulator.get();

    @LocalServerPort
    protected int port;

    @Autowired
    protected CircuitBreakerRegistry circuitBreakers;

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
}

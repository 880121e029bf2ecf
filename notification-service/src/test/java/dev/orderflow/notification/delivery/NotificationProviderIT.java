package dev.orderflow.notification.delivery;

import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.Template;
import dev.orderflow.notification.support.NotificationServiceIT;
import dev.orderflow.notification.support.ProviderSimulator;
import dev.orderflow.simulator.provider.DeliveredMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationProviderIT extends NotificationServiceIT {

    @Autowired
    NotificationProvider provider;

    @Autowired
    RetryRegistry retries;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void closeCircuitBreaker() {
        // Each test starts from a healthy provider, whatever the previous one did to the breaker.
        circuitBreakers.circuitBreaker(NotificationProvider.RESILIENCE_INSTANCE).reset();
    }

    @AfterEach
    void healProvider() {
        ProviderSimulator.heal();
    }

    @Test
    void aRepeatedDeliveryReachesTheCustomerOnceUnderItsIdempotencyKey() {
        Delivery delivery = aDelivery("c-" + UUID.randomUUID());

        String first = provider.deliver(delivery);
        String again = provider.deliver(delivery);

        assertThat(again).isEqualTo(first);
        assertThat(ProviderSimulator.deliveredTo(delivery.recipient()))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.messageId()).isEqualTo(first);
                    assertThat(message.template()).isEqualTo("ORDER_CONFIRMED");
                    assertThat(message.body()).isEqualTo(delivery.body());
                });
    }

    @Test
    void aMessageTheProviderRefusesIsNotRetried() {
        var retryMetrics = retries.retry(NotificationProvider.RESILIENCE_INSTANCE).getMetrics();
        long refusedBefore = retryMetrics.getNumberOfFailedCallsWithoutRetryAttempt();
        Delivery blankRecipient = aDelivery(" ");

        assertThatThrownBy(() -> provider.deliver(blankRecipient))
                .isInstanceOf(ProviderRefusedException.class)
                .hasMessageContaining("400");
        assertThat(retryMetrics.getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aProviderSlowerThanTheTimeLimitCountsAsUnavailable() {
        ProviderSimulator.latency(Duration.ofMillis(2_500));
        Delivery delivery = aDelivery("c-" + UUID.randomUUID());

        assertThatThrownBy(() -> provider.deliver(delivery))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void anOutageIsReportedAsUnavailableAndNothingIsDelivered() {
        ProviderSimulator.outage(true);
        Delivery delivery = aDelivery("c-" + UUID.randomUUID());

        assertThatThrownBy(() -> provider.deliver(delivery))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(ProviderSimulator.deliveredTo(delivery.recipient())).extracting(DeliveredMessage::messageId).isEmpty();
    }

    private static Delivery aDelivery(String recipient) {
        return new Delivery(UUID.randomUUID(), Channel.EMAIL, recipient, Template.ORDER_CONFIRMED,
                "Your order is confirmed.", 1, Instant.now().plusSeconds(60), null, null);
    }
}

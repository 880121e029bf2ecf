package dev.orderflow.notification.config;

import dev.orderflow.notification.domain.RedeliveryBackoff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of notification-service, {@code orderflow.notification.*} (env {@code ORDERFLOW_NOTIFICATION_...}).
 * The provider's retry, circuit breaker and time limit are Resilience4j's own {@code resilience4j.*} settings,
 * instance {@code notification-provider}.
 */
@Validated
@ConfigurationProperties("orderflow.notification")
public record NotificationProperties(@Valid @NotNull Provider provider, @Valid @NotNull Dispatch dispatch) {

    /**
     * The external notification provider.
     *
     * @param baseUrl        where it answers, e.g. {@code http://localhost:8090}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for an answer on the socket; a backstop behind the Resilience4j
     *                       time limit, so an abandoned call also frees its connection
     */
    public record Provider(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
    }

    /**
     * The dispatcher that delivers PENDING notifications.
     *
     * @param scanInterval    pause between scans for due notifications (new ones are also sent right after commit)
     * @param parallelDeliveries most deliveries one instance makes at once
     * @param lease           how long a claimed notification is hidden from other dispatchers; must exceed the
     *                        longest delivery attempt (time limit x retry attempts + retry waits)
     * @param initialBackoff  wait after the first failed attempt
     * @param maxBackoff      longest wait between attempts
     * @param backoffMultiplier growth of the wait per further failed attempt
     * @param jitter          random spread of each wait, 0..1
     */
    public record Dispatch(@NotNull Duration scanInterval, @Positive @Max(1000) int parallelDeliveries,
                           @NotNull Duration lease,
                           @NotNull Duration initialBackoff, @NotNull Duration maxBackoff,
                           @DecimalMin("1.0") double backoffMultiplier,
                           @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {

        public RedeliveryBackoff backoff() {
            return new RedeliveryBackoff(initialBackoff, maxBackoff, backoffMultiplier, jitter);
        }
    }
}

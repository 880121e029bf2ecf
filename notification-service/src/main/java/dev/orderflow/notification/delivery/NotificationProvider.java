package dev.orderflow.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The external mail/SMS provider, called through a time limit, a retry with exponential backoff and jitter,
 * and a circuit breaker (Resilience4j instance {@value #RESILIENCE_INSTANCE}).
 *
 * <p>Retrying is safe only because every attempt carries the notification id as {@code Idempotency-Key}: the
 * provider answers a repeated key with the first message and delivers it once.
 */
public class NotificationProvider implements AutoCloseable {

    static final String RESILIENCE_INSTANCE = "notification-provider";

    private final RestClient http;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    // Calls run on their own (virtual) threads so the time limit can abandon and interrupt a slow one; each takes the
    // caller's context along (its current observation: the delivery's span is the parent of the call's).
    private final ExecutorService calls = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
            ContextSnapshotFactory.builder().build());

    public NotificationProvider(RestClient http, TimeLimiterRegistry timeLimiters,
                                CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.http = http;
        this.timeLimiter = timeLimiters.timeLimiter(RESILIENCE_INSTANCE);
        this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE_INSTANCE);
        this.retry = retries.retry(RESILIENCE_INSTANCE);
    }

    /**
     * Hands the message to the provider.
     *
     * @return the provider's message id
     * @throws ProviderUnavailableException if it could not be handed over now (after the retries)
     * @throws ProviderRefusedException     if the provider refused the message itself
     */
    public String deliver(Delivery delivery) {
        Callable<String> limited = TimeLimiter.decorateFutureSupplier(timeLimiter, () -> calls.submit(() -> post(delivery)));
        Callable<String> guarded = Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(circuitBreaker, limited));
        try {
            return guarded.call();
        } catch (ProviderRefusedException | ProviderUnavailableException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailableException("circuit breaker is open: the provider failed too often lately", e);
        } catch (TimeoutException e) {
            throw new ProviderUnavailableException("no answer within " + timeLimiter.getTimeLimiterConfig().getTimeoutDuration(), e);
        } catch (Exception e) {
            throw new ProviderUnavailableException("delivery failed: " + e, e);
        }
    }

    private String post(Delivery delivery) {
        ProviderReceipt receipt;
        try {
            receipt = http.post()
                    .uri("/provider/messages")
                    .header("Idempotency-Key", delivery.notificationId().toString())
                    .body(new ProviderMessage(delivery.channel().name(), delivery.recipient(),
                            delivery.template().name(), delivery.body()))
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw classify(response.getStatusCode());
                    })
                    .body(ProviderReceipt.class);
        } catch (ResourceAccessException e) {
            throw new ProviderUnavailableException("provider unreachable: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new ProviderUnavailableException("unexpected answer from the provider: " + e.getMessage(), e);
        }
        if (receipt == null || receipt.messageId() == null || receipt.messageId().isBlank()) {
            throw new ProviderUnavailableException("provider accepted the message but named no message id", null);
        }
        return receipt.messageId();
    }

    private static RuntimeException classify(HttpStatusCode status) {
        boolean passing = status.is5xxServerError()
                || status.value() == HttpStatus.REQUEST_TIMEOUT.value()
                || status.value() == HttpStatus.TOO_EARLY.value()
                || status.value() == HttpStatus.TOO_MANY_REQUESTS.value();
        return passing
                ? new ProviderUnavailableException("provider answered " + status.value(), null)
                : new ProviderRefusedException("provider refused the message with " + status.value());
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    record ProviderMessage(String channel, String recipient, String template, String body) {
    }

    record ProviderReceipt(String messageId) {
    }
}

package dev.orderflow.console.operations;

import dev.orderflow.console.config.ConsoleProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * order-service's saga admin API ({@code POST /api/admin/sagas/{orderId}/resume|compensate}), called with the
 * operator's own token, so that order-service checks the operator's right as it checks anyone's. Each call is bounded
 * by connect and read timeouts and guarded by the {@value #ORDER_SERVICE} circuit breaker; it is never retried here:
 * the operator sees the answer and decides.
 */
@Component
public class OrderServiceAdmin {

    /** The circuit breaker's name in {@code resilience4j.circuitbreaker.instances}. */
    public static final String ORDER_SERVICE = "order-service";

    private final RestClient http;
    private final CircuitBreaker circuitBreaker;

    OrderServiceAdmin(RestClient.Builder builder, ConsoleProperties properties, CircuitBreakerRegistry breakers) {
        ConsoleProperties.OrderService orderService = properties.orderService();
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(orderService.connectTimeout());
        requestFactory.setReadTimeout(orderService.readTimeout());
        this.http = builder.clone().baseUrl(orderService.url().toString()).requestFactory(requestFactory).build();
        this.circuitBreaker = breakers.circuitBreaker(ORDER_SERVICE);
    }

    /**
     * Asks order-service to carry out {@code action} on the order's saga, as the operator whose token this is.
     *
     * @return order-service's answer, whatever its status (a refusal is the operator's to read)
     * @throws OrderServiceUnavailableException when order-service cannot be reached, does not answer in time, answers
     *                                          5xx, or the circuit breaker is open after such failures
     */
    public Answer act(UUID orderId, SagaAction action, String accessToken) {
        try {
            return circuitBreaker.executeSupplier(() -> http.post()
                    .uri("/api/admin/sagas/{orderId}/{action}", orderId, action.path())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().is5xxServerError()) {
                            throw new OrderServiceUnavailableException("order-service answered "
                                    + response.getStatusCode().value(), null);
                        }
                        return new Answer(response.getStatusCode().value(),
                                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                    }));
        } catch (ResourceAccessException e) {
            throw new OrderServiceUnavailableException("order-service did not answer: " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new OrderServiceUnavailableException("order-service failed too often lately; not asked again yet", e);
        }
    }

    /** order-service's status and JSON body (the saga and the commands sent, or a problem detail). */
    public record Answer(int status, String body) {
    }
}

package dev.orderflow.console.operations;

import dev.orderflow.console.config.ConsoleProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The services' admin APIs, through which operators act: order-service's saga actions
 * ({@code POST /api/admin/sagas/{orderId}/resume|compensate}) and each service's dead-letter replay
 * ({@code POST /actuator/deadletters/{topic}}). Every call carries the operator's own token, so the service checks
 * the operator's right as it checks anyone's; the console never acts with rights of its own. Each call is bounded by
 * connect and read timeouts and guarded by a circuit breaker per service (configuration {@value #CONFIG}); it is
 * never retried here: the operator sees the answer and decides.
 */
@Component
public class AdminApis {

    /** The circuit breakers' configuration in {@code resilience4j.circuitbreaker.configs}. */
    public static final String CONFIG = "admin-api";

    private final RestClient http;
    private final ConsoleProperties.Services services;
    private final CircuitBreakerRegistry breakers;

    AdminApis(RestClient.Builder builder, ConsoleProperties properties, CircuitBreakerRegistry breakers) {
        this.services = properties.services();
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(services.connectTimeout());
        requestFactory.setReadTimeout(services.readTimeout());
        this.http = builder.clone().requestFactory(requestFactory).build();
        this.breakers = breakers;
    }

    /** Asks order-service to carry out {@code action} on the order's saga. */
    public Answer sagaAction(UUID orderId, SagaAction action, String accessToken) {
        return post("order-service", "/api/admin/sagas/" + orderId + "/" + action.path(), null, accessToken);
    }

    /**
     * Asks the service that dead-lettered the letters of {@code topic} to replay them: one (partition and offset) or
     * every one never replayed, or with {@code dryRun} only to say what it would send.
     */
    public Answer replayDeadLetters(String service, String topic, @Nullable Integer partition, @Nullable Long offset,
            boolean dryRun, String accessToken) {
        StringBuilder body = new StringBuilder("{\"dryRun\": ").append(dryRun);
        if (partition != null && offset != null) {
            body.append(", \"partition\": ").append(partition).append(", \"offset\": ").append(offset);
        }
        return post(service, "/actuator/deadletters/" + topic, body.append('}').toString(), accessToken);
    }

    /**
     * {@code POST}s to a service's admin API as the operator whose token this is.
     *
     * @return the service's answer, whatever its status (a refusal is the operator's to read)
     * @throws UnknownServiceException     for a service the console does not know
     * @throws ServiceUnavailableException when the service cannot be reached, does not answer in time, answers 5xx,
     *                                     or its circuit breaker is open after such failures
     */
    Answer post(String service, String path, @Nullable String json, String accessToken) {
        URI base = services.of(service).orElseThrow(() -> new UnknownServiceException(service));
        CircuitBreaker breaker = breakers.circuitBreaker(service, CONFIG);
        try {
            return breaker.executeSupplier(() -> {
                RestClient.RequestBodySpec request = http.post()
                        .uri(base.resolve(path))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
                if (json != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(json);
                }
                return request.exchange((sent, response) -> {
                    if (response.getStatusCode().is5xxServerError()) {
                        throw new ServiceUnavailableException(service + " answered "
                                + response.getStatusCode().value(), null);
                    }
                    return new Answer(response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                });
            });
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailableException(service + " did not answer: " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new ServiceUnavailableException(service + " failed too often lately; not asked again yet", e);
        }
    }

    /** A service's status and JSON body (what it did, or a problem detail). */
    public record Answer(int status, String body) {
    }
}

package dev.orderflow.console.backlog;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.operations.AdminApis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each service's outbox backlog: the messages it committed and has not yet relayed to Kafka, and how long the oldest
 * of them has waited, as the service's own messaging gauges say ({@code /actuator/metrics/orderflow.messaging.outbox.*}).
 * Kafka cannot tell this (the messages are not there yet) and the console reads no other service's database, so it
 * asks the services, as the authorization server's client {@code orderflow-monitor}, whose tokens read those gauges
 * and nothing else. The services are asked in parallel, each through a circuit breaker of its own (configured as the
 * operators' actions' are, but apart: reading gauges must not stop an operator's action), within
 * {@code orderflow.console.monitor.timeout}; a reading is kept for {@code orderflow.console.monitor.max-age}, and
 * nothing is asked while nobody looks.
 */
@Component
public class OutboxBacklog implements DisposableBean {

    /** The console's registration of its monitoring client. */
    public static final String REGISTRATION = "monitor";

    static final String PENDING = "orderflow.messaging.outbox.pending";
    static final String OLDEST_AGE = "orderflow.messaging.outbox.oldest.age";
    /** The services, each with its outbox, in the order the page shows them. */
    static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "notification-service");

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);
    private static final OAuth2AuthorizeRequest MONITOR = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
            .principal("console").build();

    private final RestClient http;
    private final ConsoleProperties.Services services;
    private final ConsoleProperties.Monitor settings;
    private final CircuitBreakerRegistry breakers;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager tokens;
    private final Clock clock;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile @Nullable Measurement latest;

    OutboxBacklog(RestClient.Builder builder, ConsoleProperties properties, CircuitBreakerRegistry breakers,
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService authorizedClients, Clock clock) {
        this.services = properties.services();
        this.settings = properties.monitor();
        this.breakers = breakers;
        this.clock = clock;
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(services.connectTimeout());
        requestFactory.setReadTimeout(services.readTimeout());
        this.http = builder.clone().requestFactory(requestFactory).build();
        // Tokens come from the authorization server's token endpoint, under the same time limits; a token is kept
        // until a minute before it expires.
        RestClientClientCredentialsTokenResponseClient tokenEndpoint = new RestClientClientCredentialsTokenResponseClient();
        tokenEndpoint.setRestClient(RestClient.builder().requestFactory(requestFactory)
                .messageConverters(List.of(new FormHttpMessageConverter(),
                        new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        ClientCredentialsOAuth2AuthorizedClientProvider clientCredentials = new ClientCredentialsOAuth2AuthorizedClientProvider();
        clientCredentials.setAccessTokenResponseClient(tokenEndpoint);
        clientCredentials.setClock(clock);
        this.tokens = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        this.tokens.setAuthorizedClientProvider(clientCredentials);
    }

    /** The latest reading, taken now if the one kept is older than the maximum age (or there is none). */
    public synchronized Measurement current() {
        Instant now = clock.instant();
        Measurement kept = latest;
        if (kept != null && kept.at().plus(settings.maxAge()).isAfter(now)) {
            return kept;
        }
        Measurement measured = measure(now, kept);
        latest = measured;
        return measured;
    }

    private Measurement measure(Instant now, @Nullable Measurement kept) {
        Map<String, ServiceBacklog> last = kept == null ? Map.of() : kept.services().stream()
                .collect(Collectors.toMap(ServiceBacklog::service, Function.identity()));
        String token;
        try {
            OAuth2AuthorizedClient client = tokens.authorize(MONITOR);
            if (client == null) {
                throw new IllegalStateException("the authorization server gave no token");
            }
            token = client.getAccessToken().getTokenValue();
        } catch (RuntimeException failed) {
            log.debug("Outbox backlog not read this time, no token: {}", failed.toString());
            return new Measurement(now, SERVICES.stream().map(service -> stale(service, last)).toList(), false);
        }
        List<Callable<ServiceBacklog>> reads = new ArrayList<>();
        for (String service : SERVICES) {
            reads.add(() -> read(service, token));
        }
        List<ServiceBacklog> read = new ArrayList<>();
        try {
            List<Future<ServiceBacklog>> answers = readers.invokeAll(reads, settings.timeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            for (int i = 0; i < SERVICES.size(); i++) {
                read.add(answerOf(answers.get(i), SERVICES.get(i), last));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Measurement(now, SERVICES.stream().map(service -> stale(service, last)).toList(), false);
        }
        return new Measurement(now, read, read.stream().allMatch(ServiceBacklog::fresh));
    }

    private static ServiceBacklog answerOf(Future<ServiceBacklog> answer, String service,
            Map<String, ServiceBacklog> last) {
        if (answer.isCancelled()) {
            log.debug("Outbox backlog of {} not read this time: no answer in time", service);
            return stale(service, last);
        }
        try {
            return answer.get();
        } catch (ExecutionException failed) {
            log.debug("Outbox backlog of {} not read this time: {}", service, failed.getCause().toString());
            return stale(service, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stale(service, last);
        }
    }

    /** Both gauges of one service; a service without them (no outbox) answers 404 and is shown so. */
    private ServiceBacklog read(String service, String token) {
        URI base = services.of(service).orElseThrow();
        return breakers.circuitBreaker(service + "-monitor", AdminApis.CONFIG).executeSupplier(() -> {
            Metric pending = metric(base, PENDING, token);
            Metric oldest = pending == null ? null : metric(base, OLDEST_AGE, token);
            return new ServiceBacklog(service, pending == null ? null : Math.round(pending.value()),
                    oldest == null ? null : oldest.millis(), true);
        });
    }

    private @Nullable Metric metric(URI base, String name, String token) {
        return http.get().uri(base.resolve("/actuator/metrics/" + name))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                        return null;
                    }
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new IllegalStateException(base + " answered " + response.getStatusCode().value()
                                + " for " + name);
                    }
                    return response.bodyTo(Metric.class);
                });
    }

    private static ServiceBacklog stale(String service, Map<String, ServiceBacklog> last) {
        ServiceBacklog before = last.get(service);
        return before == null ? new ServiceBacklog(service, null, null, false)
                : new ServiceBacklog(service, before.pending(), before.oldestAgeMillis(), false);
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }

    /**
     * @param fresh false when a service did not answer this time (or no token was had): its figures are the last ones
     */
    public record Measurement(Instant at, List<ServiceBacklog> services, boolean fresh) {
    }

    /**
     * One service's outbox.
     *
     * @param pending         messages committed and not yet relayed; null if never read, or the service has no outbox
     * @param oldestAgeMillis how long the oldest of them has waited (0 when none waits)
     * @param fresh           read this time
     */
    public record ServiceBacklog(String service, @Nullable Long pending, @Nullable Long oldestAgeMillis,
                                 boolean fresh) {
    }

    /** A meter as the actuator's metrics endpoint shows it: one sample (a gauge's value) in its base unit. */
    record Metric(String name, @Nullable String baseUnit, List<Sample> measurements) {

        double value() {
            return measurements.stream().filter(sample -> "VALUE".equals(sample.statistic())).findFirst()
                    .map(Sample::value).filter(Double::isFinite).orElse(0.0);
        }

        /** The value as milliseconds, whatever time unit the service's registries use. */
        long millis() {
            double perUnit = switch (baseUnit == null ? "" : baseUnit) {
                case "nanoseconds" -> 1e-6;
                case "microseconds" -> 1e-3;
                case "milliseconds" -> 1;
                case "minutes" -> 60_000;
                case "hours" -> 3_600_000;
                default -> 1_000; // seconds, the actuator's default
            };
            return Math.round(value() * perUnit);
        }
    }

    record Sample(String statistic, double value) {
    }
}

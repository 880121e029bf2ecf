package dev.orderflow.console.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the console, {@code orderflow.console.*} (env {@code ORDERFLOW_CONSOLE_...}). */
@Validated
@ConfigurationProperties("orderflow.console")
public record ConsoleProperties(@Valid @DefaultValue Retention retention, @Valid @DefaultValue Live live,
                                @Valid @DefaultValue Login login, @Valid @DefaultValue Services services,
                                @Valid @DefaultValue Lag lag, @Valid @DefaultValue Monitor monitor) {

    /**
     * How long finished orders stay in the read model. The topics keep them longer: a rebuild by replay brings them
     * back.
     *
     * @param keep        how long after its outcome an order is kept
     * @param deadLetters how long a dead letter is kept (Kafka's default retention of its topic)
     * @param interval    how often older ones are forgotten
     * @param batchSize   orders forgotten per transaction
     */
    public record Retention(@DefaultValue("24h") @NotNull Duration keep,
                            @DefaultValue("7d") @NotNull Duration deadLetters,
                            @DefaultValue("1m") @NotNull Duration interval,
                            @DefaultValue("1000") @Positive @Max(100_000) int batchSize) {
    }

    /**
     * The live page's stream.
     *
     * @param interval          how often the view is pushed while a page is open
     * @param rateWindow        the window of "now": outcomes per second over this much of the past
     * @param shown             orders shown in each list
     * @param connectionTimeout how long one stream stays open; the browser then opens the next by itself
     * @param traceUrl          where an order's trace is shown, {@code {traceId}} standing for its trace id (e.g.
     *                          {@code http://localhost:16686/trace/{traceId}} for Jaeger); empty: no link
     */
    public record Live(@DefaultValue("1s") @NotNull Duration interval,
                       @DefaultValue("10s") @NotNull Duration rateWindow,
                       @DefaultValue("25") @Positive @Max(500) int shown,
                       @DefaultValue("30m") @NotNull Duration connectionTimeout,
                       @DefaultValue("") String traceUrl) {
    }

    /**
     * How operators log in to the page: at orderflow's authorization server, as its public client with PKCE.
     *
     * @param clientId     the console's client at the authorization server
     * @param issuer       the authorization server's name in its tokens ({@code iss}); empty: the issuer the API
     *                     trusts ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
     * @param frontChannel where browsers reach it to log in, if not at {@code issuer} (on Kubernetes, a
     *                     port-forward on the operator's machine or an ingress)
     * @param backChannel  where the console itself reaches it for tokens and keys, if not at {@code issuer} (in
     *                     containers, its service name)
     */
    public record Login(@DefaultValue("orderflow-console") @NotNull String clientId,
                        @DefaultValue("") String issuer,
                        @DefaultValue("") String frontChannel,
                        @DefaultValue("") String backChannel) {
    }

    /**
     * Where the console reaches the services' admin APIs, which carry out operators' actions: order-service's for a
     * stuck saga, a dead letter's owner's to replay it.
     *
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for an answer
     */
    public record Services(@DefaultValue("http://127.0.0.1:8081") @NotNull URI orderService,
                           @DefaultValue("http://127.0.0.1:8082") @NotNull URI inventoryService,
                           @DefaultValue("http://127.0.0.1:8083") @NotNull URI paymentService,
                           @DefaultValue("http://127.0.0.1:8084") @NotNull URI notificationService,
                           @DefaultValue("2s") @NotNull Duration connectTimeout,
                           @DefaultValue("5s") @NotNull Duration readTimeout) {

        /** The base URL of a service by its name (its {@code spring.application.name} and consumer group). */
        public Optional<URI> of(String service) {
            return Optional.ofNullable(switch (service == null ? "" : service) {
                case "order-service" -> orderService;
                case "inventory-service" -> inventoryService;
                case "payment-service" -> paymentService;
                case "notification-service" -> notificationService;
                default -> null;
            });
        }
    }

    /**
     * The consumer lag of each service, measured at the broker.
     *
     * @param groups  the consumer groups to measure: the services' and the console's own
     * @param maxAge  how long a measurement is shown before it is taken again (while somebody looks)
     * @param timeout how long to wait for the broker's answers
     */
    public record Lag(@DefaultValue({"order-service", "inventory-service", "payment-service", "notification-service",
                                     "console"}) @NotEmpty List<String> groups,
                      @DefaultValue("5s") @NotNull Duration maxAge,
                      @DefaultValue("2s") @NotNull Duration timeout) {
    }

    /**
     * How the console reads each service's outbox backlog (messaging's gauges, at the service's actuator): as the
     * authorization server's client {@code orderflow-monitor}, whose tokens (scope {@code orderflow.metrics}) read
     * those gauges and nothing else; never with an operator's rights.
     *
     * @param clientId     the monitoring client at the authorization server
     * @param clientSecret its secret: no default, generated for each machine like the operator's (./orderflow up and
     *                     compose hand it over, Kubernetes reads it from a Secret)
     * @param maxAge       how long a reading is shown before it is taken again (while somebody looks)
     * @param timeout      how long to wait for all services' answers; a service that has not answered by then is
     *                     shown with its last reading
     */
    public record Monitor(@DefaultValue("orderflow-monitor") @NotBlank String clientId,
                          @NotBlank String clientSecret,
                          @DefaultValue("5s") @NotNull Duration maxAge,
                          @DefaultValue("2s") @NotNull Duration timeout) {
    }
}

package dev.orderflow.payment.support;

import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.simulator.ExternalSimulatorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.util.List;
import java.util.Map;

/**
 * The real external simulator (PSP and provider), started once per test JVM on a random port and driven over its
 * HTTP API, as a user would. It runs in this JVM, so it is kept away from payment-service's infrastructure on the
 * classpath (datasource, Kafka, messaging). Its fault controls take an operator's token of the issuer this test JVM
 * trusts ({@link StandInIssuer}).
 */
public final class RunningSimulator {

    private static final String[] NOT_FOR_THE_SIMULATOR = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    };

    private static volatile RunningSimulator instance;

    private final String baseUrl;
    private final RestClient http;

    private RunningSimulator(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = RestClient.builder().baseUrl(baseUrl)
                .defaultHeader("Authorization", "Bearer " + StandInIssuer.shared().operator()).build();
    }

    public static RunningSimulator get() {
        RunningSimulator current = instance;
        if (current == null) {
            synchronized (RunningSimulator.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                }
            }
        }
        return current;
    }

    private static RunningSimulator start() {
        SpringApplicationBuilder builder = ExternalSimulatorApplication.builder()
                .properties("server.port=0", "spring.main.banner-mode=off", "spring.jmx.enabled=false",
                        "spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_THE_SIMULATOR));
        // Logging belongs to the application under test: the guest must not set it up again under its own name.
        SpringApplication application = builder.application();
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        // Arguments, not builder properties: the simulator's own external-simulator.yml would win over those.
        ConfigurableApplicationContext context = builder.run(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + StandInIssuer.shared().issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + StandInIssuer.shared().jwkSetUri());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(context::close));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new RunningSimulator("http://127.0.0.1:" + port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Sets the gateway's faults, e.g. {@code Map.of("outage", true)}; an empty map heals it. */
    public void pspFaults(Map<String, Object> faults) {
        http.put().uri("/admin/faults/psp").body(faults).retrieve().toBodilessEntity();
    }

    public void healPsp() {
        pspFaults(Map.of());
    }

    /** Every charge the gateway made for an order (its reference), declined ones too. */
    public List<Map<String, Object>> chargesFor(Object orderId) {
        return http.get().uri("/psp/charges?reference={reference}", orderId).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    /** Successful charges for an order: what the customer actually paid. */
    public List<Map<String, Object>> successfulChargesFor(Object orderId) {
        return chargesFor(orderId).stream().filter(charge -> "SUCCEEDED".equals(charge.get("status"))).toList();
    }

    public List<Map<String, Object>> refundsOf(Object chargeId) {
        return http.get().uri("/psp/refunds?chargeId={chargeId}", chargeId).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }
}

package dev.orderflow.notification.support;

import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.simulator.ExternalSimulatorApplication;
import dev.orderflow.simulator.provider.DeliveredMessage;
import dev.orderflow.simulator.provider.MessageProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real external-simulator application, started once per test JVM on a random port of 127.0.0.1; its
 * notification provider is what notification-service delivers to in the integration tests.
 */
public final class ProviderSimulator {

    // The simulator shares this JVM's classpath, where it would find the service's database, Kafka and messaging
    // auto-configurations; it needs none of them.
    private static final List<String> NOT_FOR_THE_SIMULATOR = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "dev.orderflow.messaging.MessagingAutoConfiguration");

    private static volatile Running running;

    private ProviderSimulator() {
    }

    /** Where the provider answers; starts the simulator on first use. */
    public static String baseUrl() {
        return running().baseUrl();
    }

    /** Messages the provider delivered to a recipient, oldest first (read in-process: faults do not apply). */
    public static List<DeliveredMessage> deliveredTo(String recipient) {
        return running().context().getBean(MessageProvider.class).deliveredTo(recipient);
    }

    /** Turns the provider's simulated outage on (every request answered 503) or off. */
    public static void outage(boolean down) {
        faults(Map.of("outage", down));
    }

    /** Makes the provider wait this long before every answer. */
    public static void latency(Duration delay) {
        faults(Map.of("latencyMs", delay.toMillis()));
    }

    /** Clears every fault of the provider. */
    public static void heal() {
        faults(Map.of());
    }

    private static void faults(Map<String, Object> settings) {
        running().admin().put().uri("/admin/faults/provider")
                .contentType(MediaType.APPLICATION_JSON)
                .body(settings)
                .retrieve()
                .toBodilessEntity();
    }

    private static Running running() {
        Running current = running;
        if (current == null) {
            synchronized (ProviderSimulator.class) {
                current = running;
                if (current == null) {
                    current = start();
                    running = current;
                }
            }
        }
        return current;
    }

    private static Running start() {
        // Command-line arguments, not builder properties: those are defaults, and the simulator's own
        // external-simulator.yml (server.port=8090) would win over them.
        ConfigurableApplicationContext context = ExternalSimulatorApplication.builder()
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_THE_SIMULATOR),
                        // Its fault controls take an operator's token of the issuer this test JVM trusts.
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + StandInIssuer.shared().issuer(),
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="
                                + StandInIssuer.shared().jwkSetUri());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String baseUrl = "http://127.0.0.1:" + port;
        return new Running(context, baseUrl, RestClient.builder().baseUrl(baseUrl)
                .defaultHeader("Authorization", "Bearer " + StandInIssuer.shared().operator()).build());
    }

    private record Running(ConfigurableApplicationContext context, String baseUrl, RestClient admin) {
    }
}

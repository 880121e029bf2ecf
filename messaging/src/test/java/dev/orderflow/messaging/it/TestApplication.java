package dev.orderflow.messaging.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A service using messaging as the real ones do: auto-configuration, one handler, its own Flyway schema, and Micrometer
 * Tracing over OpenTelemetry (its spans kept in memory).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({InventoryCommandsHandler.class, ExportedSpans.class})
class TestApplication {
}

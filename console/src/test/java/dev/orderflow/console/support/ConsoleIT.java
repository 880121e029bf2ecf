package dev.orderflow.console.support;

import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.localstack.StandInIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole console on real Kafka and PostgreSQL, trusting the tests' stand-in issuer. Every integration test extends
 * this, so they share one Spring context; they use fresh order ids, as the database and topics are shared too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"server.address=127.0.0.1",
        "orderflow.console.live.trace-url=http://traces.test/trace/{traceId}", "orderflow.console.monitor.max-age=1s"})
@Import({RealInfrastructure.class, StandInIssuer.Trusted.class})
public abstract class ConsoleIT {

    /**
     * Operators' actions and the outbox backlog's readings go to a stand-in of the services, and the monitoring
     * client gets its tokens at the stand-in issuer.
     */
    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) {
        for (String service : StandInServices.SERVICES) {
            properties.add("orderflow.console.services." + service, () -> StandInServices.shared().url(service));
        }
        properties.add("orderflow.console.monitor.client-secret", () -> StandInIssuer.MONITOR_SECRET);
    }
}

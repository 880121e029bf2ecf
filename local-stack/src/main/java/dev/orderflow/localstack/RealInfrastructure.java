package dev.orderflow.localstack;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives a {@code @SpringBootTest} that imports it a real Kafka broker and a real PostgreSQL, through Spring Boot's
 * connection details (they win over {@code spring.kafka.bootstrap-servers} and {@code spring.datasource.*}).
 *
 * <p>One broker and one PostgreSQL per JVM, started on first use, shared by every Spring context and every static
 * caller, stopped when the JVM exits. They come from Docker (Testcontainers) or are embedded, as
 * {@link InfrastructureMode} decides. Contexts share one database: tests use unique ids.
 *
 * <pre>{@code
 * @SpringBootTest
 * @Import(RealInfrastructure.class)
 * class PlacesOrdersIT { ... }
 * }</pre>
 *
 * <p>Connection details are beans of their own rather than {@code @ServiceConnection} container beans: Spring Boot
 * closes container beans when a context closes, which would stop the JVM-wide singletons under the next context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    private static volatile SharedInfrastructure shared;

    private static Throwable startFailure;

    @Bean
    KafkaConnectionDetails realKafkaConnectionDetails() {
        String bootstrapServers = kafkaBootstrapServers();
        return () -> List.of(bootstrapServers);
    }

    @Bean
    JdbcConnectionDetails realJdbcConnectionDetails() {
        SharedInfrastructure infrastructure = shared();
        return new JdbcConnectionDetails() {

            @Override
            public String getJdbcUrl() {
                return infrastructure.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return infrastructure.username();
            }

            @Override
            public String getPassword() {
                return infrastructure.password();
            }
        };
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}; starts the infrastructure if needed. */
    public static String kafkaBootstrapServers() {
        return shared().kafkaBootstrapServers();
    }

    /** JDBC URL of the shared database; starts the infrastructure if needed. */
    public static String jdbcUrl() {
        return shared().jdbcUrl();
    }

    public static String username() {
        return shared().username();
    }

    public static String password() {
        return shared().password();
    }

    private static SharedInfrastructure shared() {
        SharedInfrastructure current = shared;
        if (current == null) {
            synchronized (RealInfrastructure.class) {
                if (startFailure != null) {
                    // Every test class of the JVM would otherwise wait for the same failure again.
                    throw new IllegalStateException("the test infrastructure failed to start earlier in this JVM",
                            startFailure);
                }
                current = shared;
                if (current == null) {
                    try {
                        current = start();
                    }
                    catch (RuntimeException | Error failed) {
                        startFailure = failed;
                        throw failed;
                    }
                    shared = current;
                }
            }
        }
        return current;
    }

    private static SharedInfrastructure start() {
        InfrastructureMode.Choice choice = InfrastructureMode.choose();
        log.info("Test infrastructure: {} ({}; set -D{} or {} to auto, docker or embedded)", choice.mode(),
                choice.reason(), InfrastructureMode.PROPERTY, InfrastructureMode.ENVIRONMENT_VARIABLE);
        long started = System.nanoTime();
        SharedInfrastructure infrastructure = switch (choice.mode()) {
            case DOCKER -> ContainerInfrastructure.start();
            case EMBEDDED -> EmbeddedInfrastructure.start();
        };
        Runtime.getRuntime().addShutdownHook(
                Thread.ofPlatform().name("test-infrastructure-stop").unstarted(infrastructure::close));
        log.info("Kafka at {} and PostgreSQL at {} ready in {} ms", infrastructure.kafkaBootstrapServers(),
                infrastructure.jdbcUrl(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return infrastructure;
    }
}

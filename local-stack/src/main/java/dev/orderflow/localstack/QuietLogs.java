package dev.orderflow.localstack;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Turns the embedded servers' own chatter down to warnings, so that a test's output shows the test.
 *
 * <p>Spring Boot resets Logback when it starts a context; {@link QuietLogsEnvironmentPostProcessor} sets the same
 * levels as {@code logging.level.*} defaults so that they survive it.
 */
final class QuietLogs {

    /** Loggers of the broker, its controller and the PostgreSQL wrapper; not of the Kafka clients tests use. */
    static final List<String> SERVER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.raft",
            "org.apache.kafka.controller",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.common.test",
            "org.apache.kafka.network",
            "org.apache.kafka.security",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.timeline",
            "org.apache.kafka.jmx",
            "org.springframework.kafka.test",
            "io.zonky.test.db.postgres",
            "org.testcontainers",
            "tc",
            "com.github.dockerjava");

    private QuietLogs() {
    }

    static void apply() {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                SERVER_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
                // Before Boot configures Logback, its default root level is DEBUG: far too loud for a test run.
                Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
                if (root.getLevel() == Level.DEBUG) {
                    root.setLevel(Level.INFO);
                }
            }
        }
        catch (LinkageError logbackAbsent) {
            // Another SLF4J binding: its own configuration decides.
        }
    }
}

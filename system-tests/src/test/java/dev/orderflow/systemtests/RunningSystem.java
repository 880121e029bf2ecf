package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;

/**
 * The system under test, started once per test JVM on free ports and stopped when the JVM exits: starting five
 * JVMs, a broker and a database is the expensive part, so every test class shares it and isolates itself by
 * its own orders, products and customers. Public for the suites in sub-packages (fault injection), which share it.
 */
public final class RunningSystem {

    /** Short enough that a deadline scenario stays quick, long enough that a busy 2-core machine meets it. */
    public static final Duration SAGA_DEADLINE = Duration.ofSeconds(12);

    private static Stack stack;
    private static Api api;
    private static OtlpReceiver traces;

    private RunningSystem() {
    }

    static synchronized Api api() {
        if (api == null) {
            api = new Api(start());
        }
        return api;
    }

    /** The spans every service of the stack exported (tracing is switched on for the system tests). */
    public static synchronized OtlpReceiver traces() {
        api();
        return traces;
    }

    /** The stack, started on first use; a suite that adds instances or faults restores it before it ends. */
    public static synchronized Stack stack() {
        api();
        return stack;
    }

    private static Stack start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("orderflow-system-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Stack.Builder builder = Stack.builder()
                .directory(directory)
                .randomPorts()
                .readinessTimeout(Duration.ofMinutes(4))
                .jvmOptions("-Xms64m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1")
                .environment(ORDER, "ORDERFLOW_ORDER_SAGA_DEADLINE", SAGA_DEADLINE.toSeconds() + "s");
        // Every service exports its spans to a receiver in this JVM, as they would to a collector.
        traces = new OtlpReceiver();
        for (OrderflowService service : OrderflowService.values()) {
            builder.environment(service, "MANAGEMENT_TRACING_EXPORT_ENABLED", "true")
                    .environment(service, "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                            traces.tracesEndpoint());
        }
        String root = System.getProperty("orderflow.repository.root");
        if (root != null) {
            builder.repositoryRoot(Path.of(root));
        }
        stack = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            traces.close();
            // Its data, logs and copies of the jars: a run must not leave a gigabyte behind in the temp directory.
            deleteRecursively(directory);
        }, "system-tests-stack-stop"));
        stack.start();
        return stack;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete the system tests' stack directory " + directory + ": " + e);
        }
    }

    static OrderflowService[] services() {
        return OrderflowService.values();
    }
}

package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of the system running as its own JVM ({@code java -jar}), which a test can stop, kill like a crash,
 * and start again on the same port, database and log file.
 */
public final class ServiceProcess {

    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(30);

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    /**
     * How a HotSpot JVM ends after a fatal error of its own (a crash inside the VM, reported in an {@code hs_err}
     * file): {@code abort()}, 128 + SIGABRT. A Spring Boot application that fails to start exits with 1.
     */
    static final int JVM_FATAL_ERROR_EXIT = 134;

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final OrderflowService service;

    private final int instance;

    private final int port;

    private final Duration readinessTimeout;

    private final ServiceCode code;

    private final ChildProcess process;

    /**
     * @param jvm the {@code java} command and its options
     * @param code what it runs (the rest of the command line), made ready at every start
     */
    ServiceProcess(OrderflowService service, int port, List<String> jvm, ServiceCode code,
            Map<String, String> environment, Path logFile, Duration readinessTimeout) {
        this(service, 1, port, jvm, code, environment, logFile, readinessTimeout);
    }

    /**
     * @param instance which instance of the service this is: 1 for the one every stack has, 2.. for the extra ones
     *        of {@link Stack#addInstance(OrderflowService)}
     */
    ServiceProcess(OrderflowService service, int instance, int port, List<String> jvm, ServiceCode code,
            Map<String, String> environment, Path logFile, Duration readinessTimeout) {
        if (instance < 1) {
            throw new IllegalArgumentException("instances count from 1, not " + instance);
        }
        this.service = service;
        this.instance = instance;
        this.port = port;
        this.readinessTimeout = readinessTimeout;
        this.code = code;
        this.process = new ChildProcess(instanceName(service, instance), () -> {
            List<String> command = new ArrayList<>(jvm);
            command.addAll(code.prepare());
            return ChildProcess.detachedFromTerminal(ChildProcess.atLowerPriority(service.niceness(), command));
        }, environment, logFile);
    }

    public OrderflowService service() {
        return service;
    }

    /** 1 for the service's first instance, 2 for the second one, and so on. */
    public int instance() {
        return instance;
    }

    /**
     * The module name, which is also the {@code spring.application.name}, for the first instance; the module name
     * and the instance number for the others, e.g. {@code order-service-2} (they share the application name).
     */
    public String name() {
        return instanceName(service, instance);
    }

    static String instanceName(OrderflowService service, int instance) {
        return instance == 1 ? service.module() : service.module() + "-" + instance;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A URL of this service, e.g. {@code url("/api/orders")}. */
    public URI url(String path) {
        return baseUrl().resolve(path);
    }

    public Path logFile() {
        return process.logFile();
    }

    public Optional<Long> pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Starts the JVM on the latest build of the module and returns at once; see {@link #awaitReady()}. */
    public ServiceProcess start() {
        process.start();
        return this;
    }

    /** What it runs. */
    ServiceCode code() {
        return code;
    }

    /** Waits for {@code /actuator/health/readiness} to answer 200 within the stack's readiness timeout. */
    public ServiceProcess awaitReady() {
        return awaitReady(readinessTimeout);
    }

    /**
     * Waits for {@code /actuator/health/readiness} to answer 200 (database and Kafka included).
     *
     * <p>If the JVM dies of a fatal error of its own while it starts on a start-up cache (the JDK's AOT cache has
     * crashed a JVM while loading its classes, rarely), the cache is discarded and the service started once more
     * without it, with a line in its log saying so; the timeout counts again from there.
     *
     * @throws IllegalStateException if the process exits first or the timeout passes; the message ends with the
     *         last lines of its log
     */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean startedAgain = false;
        while (!isReady()) {
            if (!process.isAlive()) {
                if (!startedAgain && process.exitCode().orElse(0) == JVM_FATAL_ERROR_EXIT && code.discardCache()) {
                    process.note(("the JVM crashed (exit %d) while starting on its start-up cache: the cache is "
                            + "removed and %s starts again without it").formatted(JVM_FATAL_ERROR_EXIT, name()));
                    startedAgain = true;
                    process.start();
                    deadline = System.nanoTime() + timeout.toNanos();
                    continue;
                }
                throw new IllegalStateException("%s exited during start-up (exit %s); end of %s:%n%s"
                        .formatted(name(), process.exitCode().orElse(null), logFile(), process.logTail()));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("%s was not ready within %s; end of %s:%n%s"
                        .formatted(name(), timeout, logFile(), process.logTail()));
            }
            pause();
        }
        return this;
    }

    /** Asks once whether the service is ready: {@code GET /actuator/health/readiness} answers 200. */
    public boolean isReady() {
        HttpRequest probe = HttpRequest.newBuilder(url("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException notListeningYet) {
            return false;
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + name(), interrupted);
        }
    }

    /** Stops the service gracefully (SIGTERM: in-flight work finishes), forcing it after 30 s. */
    public void stop() {
        process.stop(STOP_GRACE_PERIOD);
    }

    /** Ends the service at once (SIGKILL via {@link ProcessHandle#destroyForcibly()}), like a crash. */
    public void kill() {
        process.kill();
    }

    /** Stops it gracefully if it runs, starts it again and waits until it is ready. */
    public ServiceProcess restart() {
        stop();
        return start().awaitReady();
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_INTERVAL);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", interrupted);
        }
    }

    @Override
    public String toString() {
        return name() + " on " + baseUrl() + pid().map(pid -> " (pid " + pid + ")").orElse(" (not running)");
    }
}

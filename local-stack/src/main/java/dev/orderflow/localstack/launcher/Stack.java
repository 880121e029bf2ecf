package dev.orderflow.localstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.FreePort;

/**
 * The whole system on one machine as real processes: a Kafka broker, a PostgreSQL server with one database and user
 * per service, and the services, each a {@code java -jar} of its module's built jar with a log file of its own.
 *
 * <p>{@code ./orderflow up} runs one on the ports of docs/contract.md; system tests build one on free ports and stop,
 * kill and restart single services through {@link #service(OrderflowService)}:
 *
 * <pre>{@code
 * try (Stack stack = Stack.builder().directory(tempDir).randomPorts().build().start()) {
 *     stack.service(OrderflowService.PAYMENT).kill();
 *     ...
 *     stack.service(OrderflowService.PAYMENT).start().awaitReady();
 * }
 * }</pre>
 *
 * <p>The parts: {@link Infrastructure} (Kafka and PostgreSQL), {@link ServiceLaunch} (each service's command line and
 * environment), {@link ServiceJars} (where each runs from), {@link Leftovers} (what a killed earlier run left).
 */
public final class Stack implements AutoCloseable {

    /** Every service's own database, named after it. */
    static final List<String> DATABASES = Arrays.stream(OrderflowService.values())
            .flatMap(service -> service.database().stream()).toList();

    private final Path directory;

    private final Infrastructure infrastructure;

    private final ServiceLaunch launch;

    private final Leftovers leftovers;

    private final Map<OrderflowService, ServiceProcess> services = new EnumMap<>(OrderflowService.class);

    private final Map<OrderflowService, Path> builtJars = new EnumMap<>(OrderflowService.class);

    private final Map<OrderflowService, Map<String, String>> environments = new EnumMap<>(OrderflowService.class);

    private final Map<OrderflowService, List<ServiceProcess>> extraInstances = new EnumMap<>(OrderflowService.class);

    private final Duration readinessTimeout;

    private final Set<Integer> portsGiven = new HashSet<>();

    private final StartupCache startupCache;

    private final Consumer<String> progress;

    // Ctrl-C may come while the launcher is still starting things: nothing new starts after close().
    private volatile boolean closed;

    private AccessTokens accessTokens;

    private Stack(Builder builder) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.progress = builder.progress;
        this.readinessTimeout = builder.readinessTimeout;
        // Tags every child JVM of this stack, so that a later run can find what a killed launcher left behind.
        String childMarker = childMarker(directory);
        int kafkaPort = portOrFree(builder.kafkaPort);
        int controllerPort = portOrFree(builder.kafkaPort == 0 ? 0 : kafkaPort + 1);
        this.infrastructure = new Infrastructure(directory, logDirectory(), kafkaPort, controllerPort,
                portOrFree(builder.postgresPort), childMarker, progress);
        this.launch = new ServiceLaunch(childMarker, builder.jvmOptions, builder.profiles, builder.environment,
                directory);
        this.leftovers = new Leftovers(directory, childMarker, progress);
        this.startupCache = builder.startupCache == null || !StartupCache.supported() ? null
                : new StartupCache(builder.startupCache, builder.jvmOptions);
        if (builder.startupCache != null && startupCache == null) {
            progress.accept("This JDK (%s) has no AOT cache to start the services from; JDK %d and newer have"
                    .formatted(Runtime.version().feature(), StartupCache.FIRST_JDK));
        }
        Map<OrderflowService, Integer> ports = new EnumMap<>(OrderflowService.class);
        builder.services.forEach(service -> ports.put(service, portOrFree(builder.ports.get(service))));
        Path repositoryRoot = builder.repositoryRoot.toAbsolutePath().normalize();
        for (OrderflowService service : builder.services) {
            builtJars.put(service, ServiceJars.executableJar(repositoryRoot, service));
            environments.put(service, launch.environment(service, ports, infrastructure.kafka().bootstrapServers(),
                    infrastructure::jdbcUrl));
            services.put(service, new ServiceProcess(service, ports.get(service), launch.jvm(),
                    code(service, service.module()), environments.get(service),
                    logDirectory().resolve(service.module() + ".log"), readinessTimeout));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What one instance runs: with the start-up cache, the build's extracted jar that every instance shares (it is
     * never written while the build stays the same); without, a copy of the jar of its own.
     */
    private ServiceCode code(OrderflowService service, String instanceName) {
        Path builtJar = builtJars.get(service);
        return startupCache != null ? startupCache.entry(service, builtJar)
                : new JarCopy(builtJar, directory.resolve("jars").resolve(instanceName + ".jar"));
    }

    /**
     * Starts everything: Kafka and PostgreSQL with the databases, then the services; returns when all are ready.
     * If anything fails, stops what had started (so {@code try (Stack stack = ...start())} leaks nothing).
     */
    public Stack start() {
        try {
            startInfrastructure();
            startServices();
            return this;
        }
        catch (RuntimeException | Error failed) {
            close();
            throw failed;
        }
    }

    /** Starts Kafka and PostgreSQL side by side and creates each service's database and user. */
    public Stack startInfrastructure() {
        requireOpen();
        leftovers.endChildren();
        leftovers.endPostgres();
        services.values().forEach(service -> Infrastructure.requireFree(service.name(), service.port()));
        infrastructure.start();
        progress.accept("Databases %s ready (user = password = name)".formatted(String.join(", ", DATABASES)));
        return this;
    }

    /**
     * Starts every service of this stack at once (they depend only on Kafka and PostgreSQL) and waits until each is
     * ready; stops them all if one fails.
     */
    public Stack startServices() {
        requireOpen();
        leftovers.endChildren();
        long started = System.nanoTime();
        try {
            trainStartupCaches();
            for (ServiceProcess service : services.values()) {
                requireOpen();
                service.start();
                progress.accept("Started %s (pid %s), log %s".formatted(service.name(),
                        service.pid().map(String::valueOf).orElse("?"), directory.relativize(service.logFile())));
            }
            for (ServiceProcess service : services.values()) {
                service.awaitReady();
                progress.accept("%s ready on %s after %d s".formatted(service.name(), service.baseUrl(),
                        Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            }
        }
        catch (RuntimeException failed) {
            stopServices();
            throw failed;
        }
        return this;
    }

    /**
     * Trains the start-up cache of every service that has none for its current build, side by side (each a start
     * of the service that exits once its beans are created). A service whose training fails starts without a cache.
     */
    private void trainStartupCaches() {
        List<ServiceProcess> untrained = services.values().stream()
                .filter(service -> service.code() instanceof StartupCache.Entry entry && !entry.trained())
                .toList();
        if (untrained.isEmpty()) {
            return;
        }
        progress.accept("Training the start-up cache (the JDK's AOT cache, once per build) of %s in %s ..."
                .formatted(String.join(", ", untrained.stream().map(ServiceProcess::name).toList()),
                        startupCache.root()));
        long started = System.nanoTime();
        startupCache.train(untrained.stream()
                        .map(service -> new StartupCache.Training(service.name(), (StartupCache.Entry) service.code(),
                                environments.get(service.service()), service.logFile()))
                        .toList(), launch.jvm(), readinessTimeout)
                .forEach((name, failure) -> progress.accept(
                        "%s has no start-up cache (%s): it starts without one".formatted(name, failure)));
        requireOpen();
        progress.accept("Start-up caches trained in %d s".formatted(
                Duration.ofNanos(System.nanoTime() - started).toSeconds()));
    }

    public ServiceProcess service(OrderflowService service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " is not part of this stack");
        }
        return process;
    }

    /** The stack's secrets: the operator client's and the demo users' password ({@code secrets.properties}). */
    public LocalSecrets secrets() {
        return LocalSecrets.in(directory);
    }

    /** Tokens from this stack's authorization server, as its clients get them; one keeper per stack. */
    public synchronized AccessTokens accessTokens() {
        if (accessTokens == null) {
            accessTokens = new AccessTokens(service(OrderflowService.AUTH).baseUrl(), secrets().operatorSecret());
        }
        return accessTokens;
    }

    /** The services of this stack, in start order (their first instances). */
    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /**
     * Another instance of a service, not started yet: the same jar, settings and database as the first one, on a
     * free port of its own, named and logged as {@code <module>-<n>} ({@code order-service-2.log}). Being the same
     * application, it joins the same consumer groups and competes for the same outbox relay lease. It runs until
     * {@link #removeInstance(ServiceProcess)} or {@link #close()}.
     */
    public synchronized ServiceProcess addInstance(OrderflowService service) {
        requireOpen();
        service(service);
        List<ServiceProcess> extras = extraInstances.computeIfAbsent(service, any -> new ArrayList<>());
        int instance = extras.stream().mapToInt(ServiceProcess::instance).max().orElse(1) + 1;
        int port = portOrFree(0);
        Map<String, String> environment = new LinkedHashMap<>(environments.get(service));
        environment.put("SERVER_PORT", String.valueOf(port));
        String name = ServiceProcess.instanceName(service, instance);
        ServiceProcess added = new ServiceProcess(service, instance, port, launch.jvm(), code(service, name),
                environment, logDirectory().resolve(name + ".log"), readinessTimeout);
        extras.add(added);
        return added;
    }

    /** Every instance of a service: the first one, then those added, in the order they were added. */
    public synchronized List<ServiceProcess> instances(OrderflowService service) {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(service(service));
        all.addAll(extraInstances.getOrDefault(service, List.of()));
        return List.copyOf(all);
    }

    /** Stops an added instance gracefully and forgets it; the first instance of a service cannot be removed. */
    public void removeInstance(ServiceProcess instance) {
        synchronized (this) {
            if (!extraInstances.getOrDefault(instance.service(), List.of()).contains(instance)) {
                throw new IllegalArgumentException(instance.name() + " is not an added instance of this stack");
            }
        }
        instance.stop();
        synchronized (this) {
            extraInstances.get(instance.service()).remove(instance);
        }
    }

    /** PostgreSQL's postmaster, while it runs; its backends are its children. */
    public Optional<ProcessHandle> postgres() {
        return Infrastructure.postmaster(directory);
    }

    /** Where {@code ./orderflow up} keeps data and logs unless told otherwise: {@code .local-stack} in the checkout. */
    public static Path defaultDirectory() {
        return Builder.findRepositoryRoot().resolve(".local-stack");
    }

    /** The option every child JVM of a stack of this directory carries, so that a later run can find leftovers. */
    static String childMarker(Path directory) {
        return "-Dorderflow.stack=" + directory.toAbsolutePath().normalize();
    }

    public KafkaServerProcess kafka() {
        return infrastructure.kafka();
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafka().bootstrapServers();
    }

    public int postgresPort() {
        return infrastructure.postgresPort();
    }

    /**
     * Shuts PostgreSQL down ({@code pg_ctl stop -m fast}: sessions are cut, transactions in flight roll back) while
     * the services keep running; {@link #startPostgres()} brings it back on the same port and data.
     */
    public void stopPostgres() {
        infrastructure.stopPostgres();
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}: the same port, data directory and log. */
    public void startPostgres() {
        requireOpen();
        infrastructure.startPostgres();
    }

    public boolean isPostgresRunning() {
        return infrastructure.isPostgresRunning();
    }

    /** The JDBC URL of one database of the stack's PostgreSQL, e.g. {@code jdbcUrl("orders")}. */
    public String jdbcUrl(String database) {
        return infrastructure.jdbcUrl(database);
    }

    /** Where the stack keeps Kafka's and PostgreSQL's data and the logs. */
    public Path directory() {
        return directory;
    }

    public Path logDirectory() {
        return directory.resolve("logs");
    }

    /** Stops the services (gracefully, side by side), then Kafka, then PostgreSQL; data stays. */
    @Override
    public void close() {
        closed = true;
        if (startupCache != null) {
            startupCache.stopTrainings();
        }
        stopServices();
        infrastructure.stop();
    }

    private void stopServices() {
        List<ServiceProcess> all = new ArrayList<>();
        synchronized (this) {
            extraInstances.values().forEach(all::addAll);
        }
        all.addAll(services.values());
        List<ServiceProcess> running = all.stream().filter(ServiceProcess::isAlive).toList();
        running.stream()
                .map(service -> CompletableFuture.runAsync(service::stop,
                        command -> Thread.ofPlatform().name("stop-" + service.name()).start(command)))
                .toList()
                .forEach(CompletableFuture::join);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this stack was closed");
        }
    }

    /**
     * The port itself, or a free one that this stack has not given out yet: a port picked free and released may be
     * the next one picked too (seen: the simulator and notification-service both on one port, the second refused
     * and its readiness probe answered by the first).
     */
    private synchronized int portOrFree(int port) {
        if (port != 0) {
            portsGiven.add(port);
            return port;
        }
        int picked;
        do {
            picked = FreePort.pick();
        } while (!portsGiven.add(picked));
        return picked;
    }

    /** The ports a stack gave its services, for environment values that point one service at another. */
    @FunctionalInterface
    public interface Ports {

        int port(OrderflowService service);

        default String baseUrl(OrderflowService service) {
            return "http://127.0.0.1:" + port(service);
        }
    }

    /**
     * The JVM's monitor deflation thread wakes every 250 ms ({@code AsyncDeflationInterval}) to see whether idle
     * monitors need deflating: 0.7 ms of CPU a second in every JVM, even one that only sleeps, the largest single
     * item of an idle service here (docs/benchmarks.md). Every 10 s is plenty for a small service; the full pass
     * every 60 s ({@code GuaranteedAsyncDeflationInterval}) stays.
     */
    public static final List<String> QUIET_MONITOR_DEFLATION = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:AsyncDeflationInterval=10000");

    /**
     * What a small service on a small machine needs (docs/benchmarks.md measured it): the C1 compiler only, whose
     * code is ready within seconds, where C2 kept two cores' compiler threads busy for minutes and cost more CPU per
     * order than it saved; the serial collector, whose pauses are a few milliseconds on a heap this size and which
     * runs no concurrent threads; small thread stacks; and the idle monitors' check every 10 s instead of 250 ms
     * ({@link #QUIET_MONITOR_DEFLATION}).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = Stream.concat(Stream.of("-Xms64m", "-Xmx512m",
            "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"),
            QUIET_MONITOR_DEFLATION.stream()).toList();

    /** Settings of a stack; the defaults are those of {@code ./orderflow up}. */
    public static final class Builder {

        private Path repositoryRoot = findRepositoryRoot();

        private Path directory;

        private int kafkaPort = 9092;

        private int postgresPort = 5432;

        private final Map<OrderflowService, Integer> ports = new EnumMap<>(OrderflowService.class);

        private List<OrderflowService> services = List.of(OrderflowService.values());

        private List<String> profiles = List.of("demo");

        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;

        private Duration readinessTimeout = Duration.ofMinutes(3);

        private final Map<OrderflowService, Map<String, Function<Ports, String>>> environment =
                new EnumMap<>(OrderflowService.class);

        private Consumer<String> progress = LoggerFactory.getLogger(Stack.class)::info;

        private Path startupCache;

        private Builder() {
            for (OrderflowService service : OrderflowService.values()) {
                ports.put(service, service.designPort());
            }
        }

        /** The checkout whose {@code <module>/target} holds the jars; found upwards from the working directory. */
        public Builder repositoryRoot(Path repositoryRoot) {
            this.repositoryRoot = repositoryRoot;
            return this;
        }

        /** Where data and logs go; {@code <repository root>/.local-stack} by default. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        /** The service's HTTP port; 0 for a free one. */
        public Builder port(OrderflowService service, int port) {
            ports.put(service, port);
            return this;
        }

        /** Free ports for Kafka, PostgreSQL and every service: what tests use, so that parallel runs never clash. */
        public Builder randomPorts() {
            kafkaPort = 0;
            postgresPort = 0;
            ports.replaceAll((service, port) -> 0);
            return this;
        }

        /** Which services to run (in their enum order); all by default, none for just Kafka and PostgreSQL. */
        public Builder services(OrderflowService... services) {
            this.services = List.of(services).stream().distinct().sorted().toList();
            return this;
        }

        /** {@code SPRING_PROFILES_ACTIVE} of every service; {@code demo} by default (demo data). */
        public Builder profiles(String... profiles) {
            this.profiles = List.of(profiles);
            return this;
        }

        /** Options of every service JVM, replacing the default heap settings. */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = List.of(options);
            return this;
        }

        public Builder readinessTimeout(Duration timeout) {
            this.readinessTimeout = timeout;
            return this;
        }

        /** An environment variable of one service, e.g. a setting of the payment service set for one test. */
        public Builder environment(OrderflowService service, String name, String value) {
            return environment(service, name, ports -> value);
        }

        /**
         * An environment variable of one service computed from the ports the stack chose, e.g. the simulator's URL:
         * {@code environment(PAYMENT, "ORDERFLOW_PAYMENT_PSP_BASE_URL", ports -> ports.baseUrl(EXTERNAL_SIMULATOR))}.
         */
        public Builder environment(OrderflowService service, String name, Function<Ports, String> value) {
            environment.computeIfAbsent(service, any -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /**
         * Starts the services from the JDK's AOT cache kept in {@code directory} (JDK 25 and newer; on an older JDK
         * they start as without): the first start of each build trains it, which takes about as long as a start,
         * and the starts after it take a third of the time. Off by default: a stack in a directory of its own,
         * started once, would pay for the training and never gain from it.
         */
        public Builder startupCache(Path directory) {
            this.startupCache = directory;
            return this;
        }

        /** Receives one line per step (started, ready, how long it took); logged at INFO by default. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** Resolves ports and jars; starts and writes nothing. */
        public Stack build() {
            if (directory == null) {
                directory = repositoryRoot.resolve(".local-stack");
            }
            return new Stack(this);
        }

        private static Path findRepositoryRoot() {
            Path start = Path.of("").toAbsolutePath();
            for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
                if (Files.isRegularFile(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("local-stack"))) {
                    return candidate;
                }
            }
            return start;
        }
    }
}

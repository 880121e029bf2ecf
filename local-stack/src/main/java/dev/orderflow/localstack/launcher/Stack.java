package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import dev.orderflow.localstack.EmbeddedPostgresServer;
import dev.orderflow.localstack.FreePort;

/**
 * The whole system on one machine as real processes: a Kafka broker, a PostgreSQL server with one database and user
 * per service, and the services, each a {@code java -jar} of its module's built jar with a log file of its own.
 *
 * <p>{@code ./orderflow up} runs one on the ports of docs/contract.md; system tests build one on free ports and stop, kill
 * and restart single services through {@link #service(OrderflowService)}:
 *
 * <pre>{@code
 * try (Stack stack = Stack.builder().directory(tempDir).randomPorts().build().start()) {
 *     stack.service(OrderflowService.PAYMENT).kill();
 *     ...
 *     stack.service(OrderflowService.PAYMENT).start().awaitReady();
 * }
 * }</pre>
 */
public final class Stack implements AutoCloseable {

    private static final Duration KAFKA_START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;

    private final KafkaServerProcess kafka;

    private final int postgresPort;

    private final Map<OrderflowService, ServiceProcess> services;

    // What a further instance of a service needs: the same JVM options, jar and settings as the first.
    private final List<String> serviceJvm;

    private final Map<OrderflowService, Path> builtJars = new EnumMap<>(OrderflowService.class);

    private final Map<OrderflowService, Map<String, String>> environments = new EnumMap<>(OrderflowService.class);

    private final Duration readinessTimeout;

    private final Map<OrderflowService, List<ServiceProcess>> extraInstances = new EnumMap<>(OrderflowService.class);

    private final Consumer<String> progress;

    private final String childMarker;

    private volatile EmbeddedPostgresServer postgres;

    // Ctrl-C may come while the launcher is still starting things: nothing new starts after close().
    private volatile boolean closed;

    private boolean leftoversEnded;

    private Stack(Builder builder) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.progress = builder.progress;
        // Tags every child JVM of this stack, so that a later run can find what a killed launcher left behind.
        this.childMarker = "-Dorderflow.stack=" + directory;
        int kafkaPort = portOrFree(builder.kafkaPort);
        int controllerPort = builder.kafkaPort == 0 ? FreePort.pick() : kafkaPort + 1;
        this.kafka = new KafkaServerProcess(kafkaPort, controllerPort, directory.resolve("kafka"),
                logDirectory().resolve("kafka.log"), childMarker);
        this.postgresPort = portOrFree(builder.postgresPort);
        Map<OrderflowService, Integer> ports = new EnumMap<>(OrderflowService.class);
        builder.services.forEach(service -> ports.put(service, portOrFree(builder.ports.get(service))));
        this.services = new EnumMap<>(OrderflowService.class);
        this.serviceJvm = serviceJvm(builder);
        this.readinessTimeout = builder.readinessTimeout;
        Path repositoryRoot = builder.repositoryRoot.toAbsolutePath().normalize();
        for (OrderflowService service : builder.services) {
            builtJars.put(service, jar(repositoryRoot, service));
            environments.put(service, serviceEnvironment(builder, service, ports));
            services.put(service, new ServiceProcess(service, ports.get(service), serviceJvm, builtJars.get(service),
                    directory.resolve("jars").resolve(service.module() + ".jar"), environments.get(service),
                    logDirectory().resolve(service.module() + ".log"), readinessTimeout));
        }
    }

    public static Builder builder() {
        return new Builder();
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
        endChildrenLeftByAnEarlierRun();
        endPostgresLeftByAnEarlierRun();
        requireFree("Kafka", kafka.port());
        requireFree("PostgreSQL", postgresPort);
        services.values().forEach(service -> requireFree(service.name(), service.port()));
        CompletableFuture<EmbeddedPostgresServer> startingPostgres = CompletableFuture.supplyAsync(
                () -> timed("PostgreSQL on 127.0.0.1:" + postgresPort,
                        () -> EmbeddedPostgresServer.start(postgresPort, directory.resolve("postgres"),
                                createdParent(logDirectory().resolve("postgres.log")))),
                command -> Thread.ofPlatform().name("postgres-start").start(command));
        try {
            timed("Kafka on " + kafka.bootstrapServers(), () -> kafka.start(KAFKA_START_TIMEOUT));
            postgres = startingPostgres.join();
            for (OrderflowService service : OrderflowService.values()) {
                service.database().ifPresent(database -> ServiceDatabases.ensure(postgres.jdbcUrl("postgres"),
                        EmbeddedPostgresServer.SUPERUSER, EmbeddedPostgresServer.SUPERUSER, database));
            }
        }
        catch (RuntimeException failed) {
            startingPostgres.thenAccept(EmbeddedPostgresServer::close);
            stopInfrastructure();
            throw failed instanceof CompletionException && failed.getCause() instanceof RuntimeException cause
                    ? cause : failed;
        }
        progress.accept("Databases orders, inventory, payments, notifications ready (user = password = name)");
        return this;
    }

    /**
     * Starts every service of this stack at once (they depend only on Kafka and PostgreSQL) and waits until each is
     * ready; stops them all if one fails.
     */
    public Stack startServices() {
        requireOpen();
        endChildrenLeftByAnEarlierRun();
        long started = System.nanoTime();
        try {
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

    public ServiceProcess service(OrderflowService service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " is not part of this stack");
        }
        return process;
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
        int port = FreePort.pick();
        Map<String, String> environment = new LinkedHashMap<>(environments.get(service));
        environment.put("SERVER_PORT", String.valueOf(port));
        String name = ServiceProcess.instanceName(service, instance);
        ServiceProcess added = new ServiceProcess(service, instance, port, serviceJvm, builtJars.get(service),
                directory.resolve("jars").resolve(name + ".jar"), environment, logDirectory().resolve(name + ".log"),
                readinessTimeout);
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

    public KafkaServerProcess kafka() {
        return kafka;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public int postgresPort() {
        return postgresPort;
    }

    /**
     * Shuts PostgreSQL down ({@code pg_ctl stop -m fast}: sessions are cut, transactions in flight roll back) while
     * the services keep running; {@link #startPostgres()} brings it back on the same port and data.
     */
    public synchronized void stopPostgres() {
        EmbeddedPostgresServer running = postgres;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        postgres = null;
        running.close();
        progress.accept("PostgreSQL on 127.0.0.1:%d stopped".formatted(postgresPort));
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}: the same port, data directory and log. */
    public synchronized void startPostgres() {
        requireOpen();
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        postgres = timed("PostgreSQL on 127.0.0.1:" + postgresPort, () -> EmbeddedPostgresServer.start(postgresPort,
                directory.resolve("postgres"), createdParent(logDirectory().resolve("postgres.log"))));
    }

    public boolean isPostgresRunning() {
        return postgres != null;
    }

    /** The JDBC URL of one database of the stack's PostgreSQL, e.g. {@code jdbcUrl("orders")}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(postgresPort, database);
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
        stopServices();
        stopInfrastructure();
    }

    private void stopInfrastructure() {
        try {
            kafka.stop();
        }
        finally {
            EmbeddedPostgresServer running = postgres;
            postgres = null;
            if (running != null) {
                running.close();
            }
        }
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

    /**
     * Ends the JVMs a killed launcher of this directory left running (they hold its ports), once per stack and before
     * this stack starts any of its own.
     */
    private synchronized void endChildrenLeftByAnEarlierRun() {
        if (leftoversEnded) {
            return;
        }
        leftoversEnded = true;
        ProcessHandle.allProcesses()
                // The marker comes first after "java": within the 4 KiB of a command line the JDK reads on Linux.
                .filter(process -> process.info().commandLine()
                        .map(commandLine -> commandLine.contains(" " + childMarker + " ")).orElse(false))
                .forEach(leftover -> {
                    progress.accept("Ending process %d left running by an earlier run: %s".formatted(leftover.pid(),
                            leftover.info().command().orElse("?")));
                    leftover.destroyForcibly();
                    leftover.onExit().join();
                });
    }

    /** PostgreSQL runs in a session of its own, so it outlives a killed launcher; its pid file names it. */
    private void endPostgresLeftByAnEarlierRun() {
        postmasterPid().flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .ifPresent(postmaster -> {
            progress.accept("Stopping PostgreSQL (pid %d) left running by an earlier run".formatted(postmaster.pid()));
            postmaster.destroy();
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS)
                    .exceptionally(timedOut -> {
                        postmaster.destroyForcibly();
                        return postmaster;
                    })
                    .join();
        });
    }

    private Optional<Long> postmasterPid() {
        Path pidFile = directory.resolve("postgres").resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()))
                    : Optional.empty();
        }
        catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Path createdParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return file;
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this stack was closed");
        }
    }

    private static void requireFree(String what, int port) {
        if (FreePort.isTaken(port)) {
            throw new IllegalStateException("Port %d for %s is taken by another process; stop it or choose another port"
                    .formatted(port, what));
        }
    }

    private <T> T timed(String what, Supplier<T> start) {
        long started = System.nanoTime();
        T result = start.get();
        progress.accept("%s ready in %.1f s".formatted(what, (System.nanoTime() - started) / 1e9));
        return result;
    }

    private List<String> serviceJvm(Builder builder) {
        List<String> jvm = new ArrayList<>();
        jvm.add(ChildProcess.javaExecutable());
        jvm.add(childMarker);
        jvm.addAll(builder.jvmOptions);
        return jvm;
    }

    private Map<String, String> serviceEnvironment(Builder builder, OrderflowService service,
            Map<OrderflowService, Integer> ports) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(ports.get(service)));
        environment.put("SPRING_PROFILES_ACTIVE", String.join(",", builder.profiles));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        service.database().ifPresent(database -> {
            environment.put("SPRING_DATASOURCE_URL", jdbcUrl(database));
            environment.put("SPRING_DATASOURCE_USERNAME", database);
            environment.put("SPRING_DATASOURCE_PASSWORD", database);
        });
        Ports resolved = other -> Optional.ofNullable(ports.get(other)).orElseThrow(
                () -> new IllegalArgumentException(other + " is not part of this stack"));
        // The outside parties these services call are the simulator's, wherever this stack put it.
        if (ports.containsKey(OrderflowService.EXTERNAL_SIMULATOR)) {
            String simulator = resolved.baseUrl(OrderflowService.EXTERNAL_SIMULATOR);
            switch (service) {
                case PAYMENT -> environment.put("ORDERFLOW_PAYMENT_PSP_BASEURL", simulator);
                case NOTIFICATION -> environment.put("ORDERFLOW_NOTIFICATION_PROVIDER_BASEURL", simulator);
                default -> { }
            }
        }
        builder.environment.getOrDefault(service, Map.of())
                .forEach((name, value) -> environment.put(name, value.apply(resolved)));
        return environment;
    }

    /**
     * The executable jar of a module: {@code <module>/target/<module>-<version>[-<classifier>].jar} with a
     * {@code Main-Class} (a module whose plain jar is its main artifact repackages into a classified one).
     */
    static Path jar(Path repositoryRoot, OrderflowService service) {
        Path target = repositoryRoot.resolve(service.module()).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> executable = files
                        .filter(file -> file.getFileName().toString().startsWith(service.module() + "-"))
                        .filter(file -> file.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .filter(Stack::isExecutable)
                        .findFirst();
                if (executable.isPresent()) {
                    return executable.get();
                }
            }
            catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
        throw new IllegalStateException("No executable jar of %s in %s: build it first (./mvnw -DskipTests install)"
                .formatted(service.module(), target));
    }

    private static boolean isExecutable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) != null;
        }
        catch (IOException notAJar) {
            return false;
        }
    }

    private static int portOrFree(int port) {
        return port == 0 ? FreePort.pick() : port;
    }

    /** The ports a stack gave its services, for environment values that point one service at another. */
    @FunctionalInterface
    public interface Ports {

        int port(OrderflowService service);

        default String baseUrl(OrderflowService service) {
            return "http://127.0.0.1:" + port(service);
        }
    }

    /** Settings of a stack; the defaults are those of {@code ./orderflow up}. */
    public static final class Builder {

        private Path repositoryRoot = findRepositoryRoot();

        private Path directory;

        private int kafkaPort = 9092;

        private int postgresPort = 5432;

        private final Map<OrderflowService, Integer> ports = new EnumMap<>(OrderflowService.class);

        private List<OrderflowService> services = List.of(OrderflowService.values());

        private List<String> profiles = List.of("demo");

        private List<String> jvmOptions = List.of("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError");

        private Duration readinessTimeout = Duration.ofMinutes(3);

        private final Map<OrderflowService, Map<String, Function<Ports, String>>> environment =
                new EnumMap<>(OrderflowService.class);

        private Consumer<String> progress = LoggerFactory.getLogger(Stack.class)::info;

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

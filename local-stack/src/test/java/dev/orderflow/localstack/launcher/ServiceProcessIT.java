package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.orderflow.localstack.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.orderflow.localstack.launcher.OrderflowService.EXTERNAL_SIMULATOR;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The launcher's process handling, on stand-in service jars (no Kafka or PostgreSQL needed: they are not asked). */
class ServiceProcessIT {

    @TempDir
    Path repository;

    private Stack stack;

    @BeforeEach
    void buildStandInJars() throws Exception {
        for (OrderflowService service : OrderflowService.values()) {
            writeStandInJar(builtJar(service), "first build");
        }
    }

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void startsServicesWithTheirSettingsAndAwaitsTheirReadiness() throws IOException {
        stack = standInStack(standIns()
                .environment(INVENTORY, "EXTRA_SETTING", ports -> ports.baseUrl(EXTERNAL_SIMULATOR)))
                .startServices();

        ServiceProcess inventory = stack.service(INVENTORY);
        assertThat(inventory.isAlive()).isTrue();
        assertThat(inventory.isReady()).isTrue();
        assertThat(Files.readString(inventory.logFile())).contains(
                "SERVER_PORT=" + inventory.port(),
                "SPRING_PROFILES_ACTIVE=demo",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrapServers(),
                "SPRING_DATASOURCE_URL=" + stack.jdbcUrl("inventory"),
                "SPRING_DATASOURCE_USERNAME=inventory",
                "SPRING_DATASOURCE_PASSWORD=inventory",
                "EXTRA_SETTING=" + stack.service(EXTERNAL_SIMULATOR).baseUrl());
        assertThat(Files.readString(stack.service(EXTERNAL_SIMULATOR).logFile()))
                .contains("SPRING_DATASOURCE_URL=null");
    }

    @Test
    void pointsThePaymentServiceAtTheSimulatorWhereverItRuns() throws IOException {
        stack = standInStack(standIns().services(EXTERNAL_SIMULATOR, PAYMENT)).startServices();

        assertThat(Files.readString(stack.service(PAYMENT).logFile()))
                .contains("ORDERFLOW_PAYMENT_PSP_BASE_URL=" + stack.service(EXTERNAL_SIMULATOR).baseUrl());
    }

    @Test
    void killEndsAServiceLikeACrashAndRestartBringsItBack() throws IOException {
        stack = standInStack(standIns()).startServices();
        ServiceProcess inventory = stack.service(INVENTORY);
        long firstPid = inventory.pid().orElseThrow();

        inventory.kill();

        assertThat(inventory.isAlive()).isFalse();
        assertThat(inventory.isReady()).isFalse();
        assertThat(Files.readString(inventory.logFile())).doesNotContain("stopped gracefully");
        assertThat(stack.service(EXTERNAL_SIMULATOR).isReady()).isTrue();

        inventory.start().awaitReady(Duration.ofSeconds(60));

        assertThat(inventory.pid()).isPresent().get().isNotEqualTo(firstPid);
        assertThat(inventory.isReady()).isTrue();
    }

    @Test
    void addsASecondInstanceOnItsOwnPortAndLogWithTheSameDatabaseAndRemovesIt() throws IOException {
        stack = standInStack(standIns()).startServices();
        ServiceProcess first = stack.service(INVENTORY);

        ServiceProcess second = stack.addInstance(INVENTORY).start().awaitReady(Duration.ofSeconds(60));

        assertThat(second.name()).isEqualTo("inventory-service-2");
        assertThat(second.instance()).isEqualTo(2);
        assertThat(second.port()).isNotEqualTo(first.port());
        assertThat(second.logFile()).isNotEqualTo(first.logFile()).hasFileName("inventory-service-2.log");
        assertThat(stack.instances(INVENTORY)).containsExactly(first, second);
        assertThat(Files.readString(second.logFile())).contains(
                "SERVER_PORT=" + second.port(),
                "SPRING_DATASOURCE_URL=" + stack.jdbcUrl("inventory"),
                "SPRING_DATASOURCE_USERNAME=inventory");

        stack.removeInstance(second);

        assertThat(second.isAlive()).isFalse();
        assertThat(Files.readString(second.logFile())).contains("stopped gracefully");
        assertThat(stack.instances(INVENTORY)).containsExactly(first);
        assertThat(first.isReady()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> stack.removeInstance(first));
        assertThat(stack.addInstance(INVENTORY).name()).as("numbers are not reused while one runs")
                .isEqualTo("inventory-service-2");
    }

    @Test
    void closeStopsAddedInstancesToo() {
        stack = standInStack(standIns()).startServices();
        ServiceProcess second = stack.addInstance(EXTERNAL_SIMULATOR).start().awaitReady(Duration.ofSeconds(60));
        ServiceProcess third = stack.addInstance(EXTERNAL_SIMULATOR).start().awaitReady(Duration.ofSeconds(60));
        assertThat(third.name()).isEqualTo("external-simulator-3");

        stack.close();

        assertThat(List.of(second, third)).noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void stopEndsAServiceGracefully() throws IOException {
        stack = standInStack(standIns()).startServices();
        ServiceProcess inventory = stack.service(INVENTORY);

        inventory.stop();

        assertThat(inventory.isAlive()).isFalse();
        assertThat(Files.readString(inventory.logFile())).contains("stopped gracefully");
    }

    @Test
    void restartStopsGracefullyAndWaitsForReadinessAgain() throws IOException {
        stack = standInStack(standIns()).startServices();
        ServiceProcess simulator = stack.service(EXTERNAL_SIMULATOR);
        long firstPid = simulator.pid().orElseThrow();

        simulator.restart();

        assertThat(simulator.pid()).isPresent().get().isNotEqualTo(firstPid);
        assertThat(simulator.isReady()).isTrue();
        assertThat(Files.readString(simulator.logFile())).contains("stopped gracefully");
    }

    @Test
    void runsACopyOfTheJarSoThatARebuildCannotPullItAwayAndTheNextStartRunsTheRebuild() throws Exception {
        stack = standInStack(standIns()).startServices();
        ServiceProcess inventory = stack.service(INVENTORY);
        Path built = builtJar(INVENTORY);
        Path running = stack.directory().resolve("jars").resolve("inventory-service.jar");
        assertThat(Files.mismatch(built, running)).isEqualTo(-1);

        writeStandInJar(built, "rebuilt");
        Files.setLastModifiedTime(built, FileTime.fromMillis(Files.getLastModifiedTime(running).toMillis() + 1000));

        assertThat(Files.mismatch(built, running)).isNotEqualTo(-1);
        assertThat(inventory.isReady()).isTrue();
        inventory.restart();
        assertThat(Files.mismatch(built, running)).isEqualTo(-1);
    }

    @Test
    void endsTheServicesThatAKilledLauncherLeftRunningInItsDirectory() {
        Stack abandoned = standInStack(standIns()).startServices();
        long leftoverPid = abandoned.service(INVENTORY).pid().orElseThrow();

        stack = standInStack(standIns()).startServices();

        assertThat(ProcessHandle.of(leftoverPid)).isEmpty();
        assertThat(abandoned.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(stack.services()).allMatch(ServiceProcess::isReady);
    }

    @Test
    void reportsAServiceThatExitsDuringStartUpWithTheEndOfItsLog() {
        Stack failing = standInStack(standIns().environment(INVENTORY, FakeService.EXIT_AT_START, "3"));
        stack = failing;

        assertThatIllegalStateException()
                .isThrownBy(failing::startServices)
                .withMessageContaining("inventory-service exited during start-up (exit 3)")
                .withMessageContaining("exiting at start, as told");
        assertThat(failing.services()).noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void startsAServiceAgainWithoutItsStartUpCacheWhenTheJvmCrashedOnIt() throws IOException {
        Path cache = Files.writeString(repository.resolve("inventory-service.aot"), "stand-in cache");
        ServiceProcess inventory = standInProcess(new CachedStandIn(builtJar(INVENTORY), cache),
                Map.of(FakeService.CRASH_ON_CACHE, "yes"));
        try {
            inventory.start().awaitReady(Duration.ofSeconds(60));

            assertThat(inventory.isReady()).isTrue();
            assertThat(cache).as("the cache it crashed on is gone").doesNotExist();
            assertThat(Files.readString(inventory.logFile())).contains(
                    "A fatal error has been detected by the Java Runtime Environment (stand-in)",
                    "the JVM crashed (exit 134) while starting on its start-up cache: the cache is removed and "
                            + "inventory-service starts again without it");
        }
        finally {
            inventory.stop();
        }
    }

    @Test
    void startsAgainOnlyOnceAndOnlyWhenThereWasACacheToDrop() throws IOException {
        Path cache = Files.writeString(repository.resolve("inventory-service.aot"), "stand-in cache");
        ServiceProcess crashingAlways = standInProcess(new CachedStandIn(builtJar(INVENTORY), cache),
                Map.of(FakeService.EXIT_AT_START, String.valueOf(ServiceProcess.JVM_FATAL_ERROR_EXIT)));

        assertThatIllegalStateException()
                .isThrownBy(() -> crashingAlways.start().awaitReady(Duration.ofSeconds(60)))
                .withMessageContaining("inventory-service exited during start-up (exit 134)");
        assertThat(cache).doesNotExist();
        String log = Files.readString(crashingAlways.logFile());
        assertThat(log).containsOnlyOnce("the JVM crashed (exit 134)");
        assertThat(log.split("starting inventory-service =====", -1)).as("starts: with the cache, then without")
                .hasSize(3);

        ServiceProcess withoutCache = standInProcess(new CachedStandIn(builtJar(INVENTORY), cache),
                Map.of(FakeService.EXIT_AT_START, String.valueOf(ServiceProcess.JVM_FATAL_ERROR_EXIT)));
        assertThatIllegalStateException()
                .isThrownBy(() -> withoutCache.start().awaitReady(Duration.ofSeconds(60)))
                .withMessageContaining("exited during start-up (exit 134)");
        assertThat(Files.readString(withoutCache.logFile())).containsOnlyOnce("the JVM crashed (exit 134)");
    }

    /** A stand-in service run as {@code java [-Dfake.cache=<cache>] -jar <jar>}, with the cache while it exists. */
    private record CachedStandIn(Path jar, Path cache) implements ServiceCode {

        @Override
        public List<String> prepare() {
            List<String> command = new ArrayList<>();
            if (Files.exists(cache)) {
                command.add("-D" + FakeService.CACHE_PROPERTY + "=" + cache);
            }
            command.addAll(List.of("-jar", jar.toString()));
            return command;
        }

        @Override
        public boolean discardCache() {
            try {
                return Files.deleteIfExists(cache);
            }
            catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
    }

    /** One stand-in inventory service on a free port, outside any stack, logging to this test's directory. */
    private ServiceProcess standInProcess(ServiceCode code, Map<String, String> environment) {
        int port = FreePort.pick();
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("SERVER_PORT", String.valueOf(port));
        return new ServiceProcess(INVENTORY, port, List.of(ChildProcess.javaExecutable(), "-Xmx64m"), code, settings,
                repository.resolve("logs").resolve("inventory-service.log"), Duration.ofSeconds(60));
    }

    /** The simulator and the inventory service, unless a test says otherwise. */
    private static Stack.Builder standIns() {
        return Stack.builder().services(EXTERNAL_SIMULATOR, INVENTORY);
    }

    /** Stand-in jars from this test's repository, on free ports. */
    private Stack standInStack(Stack.Builder builder) {
        return builder.repositoryRoot(repository)
                .directory(repository.resolve(".local-stack"))
                .randomPorts()
                .readinessTimeout(Duration.ofSeconds(60))
                .jvmOptions("-Xmx64m", "-XX:TieredStopAtLevel=1")
                .build();
    }

    private Path builtJar(OrderflowService service) {
        return repository.resolve(service.module()).resolve("target").resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
    }

    /** An executable jar whose main class is {@link FakeService}, loaded from this module's test classes. */
    private static void writeStandInJar(Path jar, String build) throws IOException, URISyntaxException {
        Files.createDirectories(jar.getParent());
        Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, build);
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
    }
}

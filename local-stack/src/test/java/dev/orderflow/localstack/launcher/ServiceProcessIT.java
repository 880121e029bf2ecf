package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.orderflow.localstack.launcher.OrderflowService.EXTERNAL_SIMULATOR;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The launcher's process handling, on stand-in service jars (no Kafka or PostgreSQL needed: they are not asked). */
class ServiceProcessIT {

    @TempDir
    Path repository;

    private Stack stack;

    @BeforeEach
    void buildStandInJars() throws Exception {
        for (OrderflowService service : OrderflowService.values()) {
            writeStandInJar(repository.resolve(service.module()).resolve("target")
                    .resolve(service.module() + "-0.1.0-SNAPSHOT.jar"));
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
        stack = standInStack(Stack.builder()
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
    void killEndsAServiceLikeACrashAndRestartBringsItBack() throws IOException {
        stack = standInStack(Stack.builder()).startServices();
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
    void stopEndsAServiceGracefully() throws IOException {
        stack = standInStack(Stack.builder()).startServices();
        ServiceProcess inventory = stack.service(INVENTORY);

        inventory.stop();

        assertThat(inventory.isAlive()).isFalse();
        assertThat(Files.readString(inventory.logFile())).contains("stopped gracefully");
    }

    @Test
    void restartStopsGracefullyAndWaitsForReadinessAgain() throws IOException {
        stack = standInStack(Stack.builder()).startServices();
        ServiceProcess simulator = stack.service(EXTERNAL_SIMULATOR);
        long firstPid = simulator.pid().orElseThrow();

        simulator.restart();

        assertThat(simulator.pid()).isPresent().get().isNotEqualTo(firstPid);
        assertThat(simulator.isReady()).isTrue();
        assertThat(Files.readString(simulator.logFile())).contains("stopped gracefully");
    }

    @Test
    void reportsAServiceThatExitsDuringStartUpWithTheEndOfItsLog() {
        Stack failing = standInStack(Stack.builder().environment(INVENTORY, FakeService.EXIT_AT_START, "3"));
        stack = failing;

        assertThatIllegalStateException()
                .isThrownBy(failing::startServices)
                .withMessageContaining("inventory-service exited during start-up (exit 3)")
                .withMessageContaining("exiting at start, as told");
        assertThat(failing.services()).noneMatch(ServiceProcess::isAlive);
    }

    private Stack standInStack(Stack.Builder builder) {
        return builder.repositoryRoot(repository)
                .directory(repository.resolve(".local-stack"))
                .randomPorts()
                .services(EXTERNAL_SIMULATOR, INVENTORY)
                .readinessTimeout(Duration.ofSeconds(60))
                .jvmOptions("-Xmx64m", "-XX:TieredStopAtLevel=1")
                .build();
    }

    /** An executable jar whose main class is {@link FakeService}, loaded from this module's test classes. */
    private static void writeStandInJar(Path jar) throws IOException, URISyntaxException {
        Files.createDirectories(jar.getParent());
        Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
    }
}

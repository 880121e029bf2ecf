package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.LocalSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command users run the system with, as they run it: {@code ./orderflow up -d} returns once everything is ready,
 * {@code status} shows every process ready, a second {@code up} refuses, and {@code down} leaves no process of the
 * stack behind, also after its launcher was killed with SIGKILL; the first {@code up} trains the services' start-up
 * cache and the next one starts every service from it. On free ports and a directory of its own, beside the
 * system the other end-to-end tests share.
 */
class OrderflowCommandIT {

    private static final Duration START_LIMIT = Duration.ofMinutes(6);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(3);

    private final Path root = Path.of(System.getProperty("orderflow.repository.root", "..")).toAbsolutePath()
            .normalize();

    /** The stack's directory: its data, logs and start-up cache (a gigabyte), deleted by JUnit after each test. */
    @TempDir
    Path directory;

    @AfterEach
    void nothingLeft() throws Exception {
        orderflow(STOP_LIMIT, "down"); // whatever an assertion left running
    }

    @Test
    void upDetachedStatusAndDownLeaveNothingBehind() throws Exception {
        Result up = orderflow(START_LIMIT, "up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("orderflow is up", "Everything ready", "./orderflow down stops everything",
                "Training the start-up cache", "Start-up caches trained").doesNotContain("has no start-up cache");

        List<Long> pids = pidsInState();
        assertThat(pids).as("the launcher, Kafka, PostgreSQL, the authorization server, the simulator, four services "
                + "and the console").hasSize(10)
                .allMatch(OrderflowCommandIT::alive);

        Result status = orderflow(Duration.ofMinutes(1), "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output().lines().filter(line -> line.matches("\\s+\\S+\\s+\\d+\\s+\\d+\\s+UP\\s+[\\d.]+")))
                .as(status.output())
                .extracting(line -> line.strip().split("\\s+")[0])
                .containsExactlyInAnyOrder("kafka", "postgresql", "auth-server", "external-simulator",
                        "inventory-service", "payment-service", "notification-service", "order-service", "console");
        assertOperatorTokenWithTheSecretsOfThisStack(status.output());

        Result again = orderflow(Duration.ofMinutes(1), "up", "-d");
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("already running");
        assertThat(pids).as("a refused second up touches nothing").allMatch(OrderflowCommandIT::alive);

        Result down = orderflow(STOP_LIMIT, "down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("Stopping orderflow", "Stopped.").doesNotContain("left running");
        assertNothingOfTheStackRuns(pids);

        Result after = orderflow(Duration.ofMinutes(1), "status");
        assertThat(after.exitCode()).as(after.output()).isEqualTo(3);

        secondUpStartsEveryServiceFromTheStartupCacheTheFirstTrained();
    }

    private void secondUpStartsEveryServiceFromTheStartupCacheTheFirstTrained() throws Exception {
        Result up = orderflow(START_LIMIT, "up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Everything ready").doesNotContain("Training");

        Properties state = state();
        List<String> services = List.of("auth-server", "external-simulator", "inventory-service",
                "payment-service", "notification-service", "order-service", "console");
        List<String> crashedOnTheirCache = new ArrayList<>();
        for (int i = 0; state.containsKey("process." + i + ".pid"); i++) {
            String name = state.getProperty("process." + i + ".name");
            if (!services.contains(name)) {
                continue;
            }
            long pid = Long.parseLong(state.getProperty("process." + i + ".pid"));
            String log = Files.readString(directory.resolve("logs").resolve(name + ".log"));
            if (log.contains("the JVM crashed (exit 134) while starting on its start-up cache")) {
                // The JDK's AOT cache crashes a JVM at its first start now and then (about one run in twenty): the
                // launcher then drops the cache and starts the service without it (ServiceProcessIT covers that).
                crashedOnTheirCache.add(name);
                continue;
            }
            String cacheOption = ProcessHandle.of(pid).flatMap(process -> process.info().arguments())
                    .map(List::of).orElseThrow().stream().filter(argument -> argument.startsWith("-XX:AOTCache="))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " started without -XX:AOTCache"));
            Path cache = Path.of(cacheOption.substring("-XX:AOTCache=".length()));
            assertThat(cache).startsWith(directory.resolve("start-cache")).isRegularFile();
            // The JDK maps one archive: its own of the JDK's classes (about 15 MB) or the service's cache (100+ MB).
            assertThat(mappedArchiveBytes(pid)).as(name + " runs on its start-up cache")
                    .isGreaterThan(Files.size(cache) / 2);
        }
        assertThat(crashedOnTheirCache).as("services whose JVM crashed on their cache: a rare crash, not a rule")
                .hasSizeLessThanOrEqualTo(1);

        Result down = orderflow(STOP_LIMIT, "down");
        assertThat(down.exitCode()).as(down.output()).isZero();
    }

    /** The size of the class archive the JVM mapped, from {@code jcmd <pid> VM.info}. */
    private static long mappedArchiveBytes(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process info = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.info").redirectErrorStream(true)
                .start();
        String output = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(info.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Matcher mapped = Pattern.compile("CDS archive\\(s\\) mapped at: .*?size (\\d+)").matcher(output);
        assertThat(mapped.find()).as(output).isTrue();
        return Long.parseLong(mapped.group(1));
    }

    @Test
    void downEndsWhatAKilledLauncherLeft() throws Exception {
        Result up = orderflow(START_LIMIT, "infra", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        List<Long> pids = pidsInState();
        assertThat(pids).as("the launcher, Kafka and PostgreSQL").hasSize(3).allMatch(OrderflowCommandIT::alive);

        ProcessHandle launcher = ProcessHandle.of(pids.getFirst()).orElseThrow();
        launcher.destroyForcibly();
        launcher.onExit().get(1, TimeUnit.MINUTES);
        assertThat(pids.subList(1, pids.size())).as("a killed launcher leaves its children running")
                .allMatch(OrderflowCommandIT::alive);

        Result status = orderflow(Duration.ofMinutes(1), "status");
        assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
        assertThat(status.output()).contains("left processes behind");

        Result down = orderflow(STOP_LIMIT, "down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("left running by an earlier run", "Stopped.");
        assertNothingOfTheStackRuns(pids);
    }

    private void assertNothingOfTheStackRuns(List<Long> pids) {
        assertThat(pids).as("every process the state named").noneMatch(OrderflowCommandIT::alive);
        String marker = " -Dorderflow.stack=" + directory.toAbsolutePath().normalize() + " ";
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false)))
                .as("no JVM carries the stack's marker").isEmpty();
        assertThat(directory.resolve("orderflow.state")).doesNotExist();
        Path postmasterPid = directory.resolve("postgres").resolve("postmaster.pid");
        assertThat(postmasterPid).as("PostgreSQL removes its pid file when it stops").doesNotExist();
    }

    /** The launcher's pid first, then every process the state file names. */
    /** The secrets the launcher made for this stack's directory are the ones its authorization server takes. */
    private void assertOperatorTokenWithTheSecretsOfThisStack(String status) throws Exception {
        Matcher auth = Pattern.compile("auth-server\\s+\\d+\\s+(\\d+)\\s+UP").matcher(status);
        assertThat(auth.find()).as(status).isTrue();
        String credentials = "orderflow-operator:" + LocalSecrets.in(directory).operatorSecret();
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + auth.group(1) + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orderflow.admin"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"access_token\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("secrets.properties"))))
                .isEqualTo("rw-------");
    }

    private List<Long> pidsInState() throws IOException {
        Properties state = state();
        List<Long> pids = new ArrayList<>();
        pids.add(Long.parseLong(state.getProperty("launcher.pid")));
        for (int i = 0; state.containsKey("process." + i + ".pid"); i++) {
            pids.add(Long.parseLong(state.getProperty("process." + i + ".pid")));
        }
        return pids;
    }

    private Properties state() throws IOException {
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve("orderflow.state"))) {
            state.load(in);
        }
        return state;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private record Result(int exitCode, String output) {
    }

    private Result orderflow(Duration limit, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("orderflow").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(directory.getParent(), "orderflow-command", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("ORDERFLOW_PORTS", "free");
        builder.environment().put("ORDERFLOW_LOCAL_STACK_DIR", directory.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./orderflow %s did not end within %s:%n%s"
                        .formatted(String.join(" ", arguments), limit, Files.readString(output)));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

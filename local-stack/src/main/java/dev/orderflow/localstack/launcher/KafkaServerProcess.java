package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;

import dev.orderflow.localstack.EmbeddedKraftBroker;

/**
 * A real Kafka broker as a child JVM ({@code kafka.Kafka}, what {@code kafka-server-start.sh} runs): one KRaft node
 * that is broker and controller, on 127.0.0.1, keeping its data in a directory across restarts.
 *
 * <p>A separate process rather than a thread of the launcher, so that a test can kill the broker like a crash and
 * start it again on the same data.
 */
public final class KafkaServerProcess {

    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(30);

    private final int port;

    private final int controllerPort;

    private final Path directory;

    private final ChildProcess process;

    /**
     * Describes a broker; {@link #start(Duration)} writes its configuration and formats its storage the first time.
     *
     * @param port the client port
     * @param controllerPort the KRaft controller's port (only the broker itself connects to it)
     * @param directory the broker's home: configuration, data
     * @param logFile where its output goes
     * @param childMarker a JVM option that tags the process as a child of one stack
     */
    KafkaServerProcess(int port, int controllerPort, Path directory, Path logFile, String childMarker) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.directory = directory;
        // One node on a developer's machine: the serial collector's pauses stay short on this heap, and it runs no
        // concurrent GC threads that cost CPU while the broker idles.
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), childMarker,
                "-Xms256m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(Stack.QUIET_MONITOR_DEFLATION);
        command.addAll(List.of("-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), "kafka.Kafka", configuration().toString()));
        this.process = new ChildProcess("kafka", ChildProcess.detachedFromTerminal(command), Map.of(), logFile);
    }

    /** Starts the broker and returns once it answers a client, or throws with the end of its log. */
    public KafkaServerProcess start(Duration timeout) {
        prepare();
        process.start();
        awaitReady(timeout);
        return this;
    }

    private void prepare() {
        try {
            Files.createDirectories(directory);
            // Formatting writes to the log before the process starts (which would create its directory).
            Files.createDirectories(process.logFile().getParent());
            writeConfiguration(configuration(), port, controllerPort, dataDirectory());
            try (InputStream logback = KafkaServerProcess.class.getResourceAsStream("kafka-logback.xml")) {
                Files.copy(logback, directory.resolve("logback.xml"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException failed) {
            throw new UncheckedIOException("could not prepare Kafka in " + directory, failed);
        }
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            format();
        }
    }

    private Path configuration() {
        return directory.resolve("server.properties");
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    /**
     * How often the controller appends a no-op record to the metadata log when nothing changes (500 ms by default,
     * so that brokers see a live controller). Each one is written and read by the raft, controller and metadata
     * threads: a third of an idle single node's CPU at the default. One node has no other broker to convince.
     */
    private static final String IDLE_METADATA_RECORDS = "metadata.max.idle.interval.ms";

    private static void writeConfiguration(Path file, int port, int controllerPort, Path dataDirectory)
            throws IOException {
        Properties settings = new Properties();
        settings.putAll(EmbeddedKraftBroker.SINGLE_NODE_SETTINGS);
        settings.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d".formatted(port, controllerPort),
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names", "CONTROLLER",
                "inter.broker.listener.name", "PLAINTEXT",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs", dataDirectory.toString(),
                IDLE_METADATA_RECORDS, "5000"));
        // Threads for a handful of clients on two cores (3 network and 8 request threads by default): each idle one
        // wakes every 300 ms to look for work.
        settings.putAll(Map.of("num.network.threads", "1", "num.io.threads", "2"));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(writer, "Written by the orderflow launcher at every start; edits are lost.");
        }
    }

    /** What {@code kafka-storage.sh format} does, once: KRaft refuses to start on an unformatted directory. */
    private void format() {
        String[] arguments = {"format", "--ignore-formatted", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", configuration().toString()};
        try (PrintStream log = new PrintStream(new FileOutputStream(process.logFile().toFile(), true), true,
                StandardCharsets.UTF_8)) {
            int exitCode = StorageTool.execute(arguments, log);
            if (exitCode != 0) {
                throw new IllegalStateException("formatting Kafka's storage failed (exit %d), see %s"
                        .formatted(exitCode, process.logFile()));
            }
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        catch (Exception failed) {
            throw new IllegalStateException("formatting Kafka's storage in " + dataDirectory() + " failed", failed);
        }
    }

    /** Waits until the broker answers a client: its port accepts connections and it describes its cluster. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Until the port listens, an admin client would only log a warning per retry.
        while (!accepts(port)) {
            failIfExitedOrLate(deadline, timeout);
            pause();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            while (true) {
                failIfExitedOrLate(deadline, timeout);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                            .get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", interrupted);
                }
                catch (Exception notYet) {
                    // The broker is still starting; ask again until the deadline.
                }
            }
        }
    }

    private void failIfExitedOrLate(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited during start-up (exit %s); end of %s:%n%s"
                    .formatted(process.exitCode().orElse(null), process.logFile(), process.logTail()));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka was not ready within %s; end of %s:%n%s"
                    .formatted(timeout, process.logFile(), process.logTail()));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        }
        catch (IOException notListening) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", interrupted);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Optional<Long> pid() {
        return process.pid();
    }

    /** Shuts the broker down cleanly (SIGTERM: it flushes and closes its logs), forcing it after 30 s. */
    public void stop() {
        process.stop(STOP_GRACE_PERIOD);
    }

    /** Ends the broker at once (SIGKILL), like a crash; its data stays for the next start. */
    public void kill() {
        process.kill();
    }
}

package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A JVM child process with its output appended to one log file; it can be started again after it ended.
 *
 * <p>Safe to watch from other threads while one thread waits for it to stop; starting is serialized.
 */
final class ChildProcess {

    private static final int LOG_TAIL_LINES = 40;

    private final String name;

    private final Supplier<List<String>> command;

    private final Map<String, String> environment;

    private final Path logFile;

    private volatile Process process;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this(name, fixed(List.copyOf(command)), environment, logFile);
    }

    /**
     * @param command asked at every start, e.g. for the code of the latest build
     */
    ChildProcess(String name, Supplier<List<String>> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = command;
        this.environment = Map.copyOf(new LinkedHashMap<>(environment));
        this.logFile = logFile;
    }

    private static Supplier<List<String>> fixed(List<String> command) {
        return () -> command;
    }

    /** The {@code java} of the JVM running this code, so children run on the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs the command {@code niceness} steps below the normal CPU priority where {@code nice} exists (the process
     * keeps its pid: {@code nice} replaces itself with the command); as it is for 0.
     */
    static List<String> atLowerPriority(int niceness, List<String> command) {
        if (niceness <= 0) {
            return command;
        }
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                List<String> lowered = new ArrayList<>(command.size() + 3);
                lowered.addAll(List.of(nice, "-n", String.valueOf(niceness)));
                lowered.addAll(command);
                return lowered;
            }
        }
        return command;
    }

    /**
     * Runs the command in a session of its own where {@code setsid} exists, so that Ctrl-C in the launcher's
     * terminal reaches only the launcher, which then stops its children in order (services before Kafka).
     */
    static List<String> detachedFromTerminal(List<String> command) {
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                List<String> detached = new ArrayList<>(command.size() + 1);
                detached.add(setsid);
                detached.addAll(command);
                return detached;
            }
        }
        return command;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    /** Appends a line of the launcher's own to the log, between the process's lines (e.g. why it starts again). */
    void note(String line) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n===== %s: %s =====%n".formatted(Instant.now(), line),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException failed) {
            throw new UncheckedIOException("could not write to " + logFile, failed);
        }
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = this.command.get();
        note("starting " + name);
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            process = builder.start();
        }
        catch (IOException failed) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), failed);
        }
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    Optional<Long> pid() {
        Process current = process;
        return current != null && current.isAlive() ? Optional.of(current.pid()) : Optional.empty();
    }

    /** Asks the process to end (SIGTERM: Spring Boot shuts down gracefully), then forces it after the grace period. */
    void stop(Duration gracePeriod) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!waitFor(current, gracePeriod)) {
            kill();
        }
    }

    /** Ends the process at once (SIGKILL): no shutdown hook, no graceful anything, like a crash. */
    void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(30));
    }

    /** Waits up to {@code timeout} for the process to end; its exit code if it did. */
    Optional<Integer> awaitExit(Duration timeout) {
        Process current = process;
        if (current == null) {
            return Optional.empty();
        }
        return waitFor(current, timeout) ? Optional.of(current.exitValue()) : Optional.empty();
    }

    /** The exit code, if the process ran and ended. */
    Optional<Integer> exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? Optional.empty() : Optional.of(current.exitValue());
    }

    /** The last lines of the log, to explain a failure without making anyone open a file. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(),
                    new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
        }
        catch (IOException | UncheckedIOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return name + pid().map(pid -> " (pid " + pid + ")").orElse(" (not running)");
    }
}

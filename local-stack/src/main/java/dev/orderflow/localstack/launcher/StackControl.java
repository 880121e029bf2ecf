package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./orderflow status} and {@code ./orderflow down}: they find what {@code ./orderflow up} started from its
 * directory's {@link StackState} and, for a launcher that was killed, from the marker its children carry and
 * PostgreSQL's pid file. Neither touches a process that this directory's stack did not start.
 */
final class StackControl {

    /** Exit codes of {@code status}, as service managers use them: all ready; something is not; nothing runs. */
    static final int READY = 0;
    static final int NOT_READY = 1;
    static final int NOT_RUNNING = 3;

    private static final Duration LAUNCHER_STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;

    private final PrintStream out;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StackControl(Path directory, PrintStream out) {
        this.directory = directory;
        this.out = out;
    }

    /** Prints each process with its pid, port, readiness and CPU seconds so far; answers the exit code. */
    int status() {
        Optional<StackState> state = StackState.readFrom(directory);
        Optional<ProcessHandle> launcher = state.flatMap(StackState::liveLauncher);
        if (launcher.isEmpty()) {
            out.println("orderflow is not running from " + directory + ".");
            if (state.isPresent() || leftoversRunning()) {
                out.println("A launcher that was killed left processes behind: ./orderflow down ends them.");
                return NOT_READY;
            }
            return NOT_RUNNING;
        }
        StackState running = state.orElseThrow();
        if (running.readyAt().isEmpty()) {
            out.printf("orderflow is starting from %s (launcher pid %d, for %d s so far); its log: %s%n", directory,
                    running.launcherPid(), Duration.between(running.startedAt(), Instant.now()).toSeconds(),
                    directory.resolve("logs"));
            return NOT_READY;
        }
        out.printf("orderflow is up from %s: launcher pid %d, started %s, ready after %.1f s%n", directory,
                running.launcherPid(), running.startedAt(),
                Duration.between(running.startedAt(), running.readyAt().get()).toMillis() / 1000.0);
        out.printf("%n  %-22s %8s %6s  %-10s %10s%n", "process", "pid", "port", "ready", "CPU s");
        boolean allReady = true;
        for (StackState.Entry entry : running.processes()) {
            Optional<ProcessHandle> process = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
            String readiness = process.isEmpty() ? "GONE" : readiness(entry);
            allReady &= readiness.equals("UP");
            out.printf("  %-22s %8d %6d  %-10s %10s%n", entry.name(), entry.pid(), entry.port(), readiness,
                    process.map(handle -> "%.1f".formatted(cpuSeconds(handle, entry.kind()))).orElse("-"));
        }
        out.printf("%nLogs: %s/<process>.log%n", directory.resolve("logs"));
        return allReady ? READY : NOT_READY;
    }

    /**
     * Stops what this directory's {@code up} started: the launcher (which stops the services, then Kafka, then
     * PostgreSQL), then whatever a killed launcher left behind. Answers whether anything was running.
     */
    boolean down() {
        boolean anything = false;
        Optional<ProcessHandle> launcher = StackState.readFrom(directory).flatMap(StackState::liveLauncher);
        if (launcher.isPresent()) {
            anything = true;
            out.printf("Stopping orderflow (launcher pid %d): the services, then Kafka, then PostgreSQL ...%n",
                    launcher.get().pid());
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(LAUNCHER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (TimeoutException stuck) {
                out.printf("The launcher did not stop within %d s; ending it%n", LAUNCHER_STOP_TIMEOUT.toSeconds());
                launcher.get().destroyForcibly();
                launcher.get().onExit().join();
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the launcher", interrupted);
            }
            catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        Leftovers leftovers = new Leftovers(directory, Stack.childMarker(directory), out::println);
        anything |= leftovers.endChildren() > 0;
        anything |= leftovers.endPostgres();
        StackState.removeFrom(directory);
        out.println(anything ? "Stopped. Data and logs stay in " + directory
                : "Nothing of orderflow was running from " + directory + ".");
        return anything;
    }

    private boolean leftoversRunning() {
        String marker = Stack.childMarker(directory);
        return ProcessHandle.allProcesses().anyMatch(process -> Leftovers.carries(process, marker))
                || Infrastructure.postmaster(directory).isPresent();
    }

    private String readiness(StackState.Entry entry) {
        if (entry.kind() != StackState.Kind.SERVICE) {
            return listens(entry.port()) ? "UP" : "NOT LISTENING";
        }
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + entry.port() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? "UP" : "DOWN (" + status + ")";
        }
        catch (IOException noAnswer) {
            return "NO ANSWER";
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        }
        catch (IOException refused) {
            return false;
        }
    }

    /** PostgreSQL's CPU is its postmaster's and every backend's; a JVM's is its own. */
    private static double cpuSeconds(ProcessHandle process, StackState.Kind kind) {
        Duration cpu = kind == StackState.Kind.POSTGRESQL ? CpuTime.withDescendants(process) : CpuTime.of(process);
        return cpu.toMillis() / 1000.0;
    }
}

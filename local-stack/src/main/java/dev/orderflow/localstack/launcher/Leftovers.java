package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a killed launcher of the same directory left running, ended before a stack starts its own: the JVMs it
 * tagged with its marker (they hold its ports), and its PostgreSQL, which runs in a session of its own.
 */
final class Leftovers {

    private final Path directory;

    private final String childMarker;

    private final Consumer<String> progress;

    private boolean childrenEnded;

    Leftovers(Path directory, String childMarker, Consumer<String> progress) {
        this.directory = directory;
        this.childMarker = childMarker;
        this.progress = progress;
    }

    /** Ends the JVMs an earlier launcher of this directory left running; once per stack. */
    synchronized void endChildren() {
        if (childrenEnded) {
            return;
        }
        childrenEnded = true;
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

    /** Stops the PostgreSQL an earlier run left running on this directory's data; its pid file names it. */
    void endPostgres() {
        postmasterPid().flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .ifPresent(postmaster -> {
                    progress.accept("Stopping PostgreSQL (pid %d) left running by an earlier run"
                            .formatted(postmaster.pid()));
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
}

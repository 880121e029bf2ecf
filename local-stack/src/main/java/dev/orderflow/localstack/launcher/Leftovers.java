package dev.orderflow.localstack.launcher;

import java.nio.file.Path;
import java.util.List;
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

    /** Ends the JVMs an earlier launcher of this directory left running, once per stack; answers how many. */
    synchronized int endChildren() {
        if (childrenEnded) {
            return 0;
        }
        childrenEnded = true;
        List<ProcessHandle> ended = ProcessHandle.allProcesses()
                .filter(process -> carries(process, childMarker))
                .toList();
        ended.forEach(leftover -> {
            progress.accept("Ending process %d left running by an earlier run: %s".formatted(leftover.pid(),
                    leftover.info().command().orElse("?")));
            leftover.destroyForcibly();
            leftover.onExit().join();
        });
        return ended.size();
    }

    /** Whether the process is a child JVM of the stack that tags its children with this marker. */
    static boolean carries(ProcessHandle process, String childMarker) {
        // The marker comes first after "java": within the 4 KiB of a command line the JDK reads on Linux.
        return process.info().commandLine().map(commandLine -> commandLine.contains(" " + childMarker + " "))
                .orElse(false);
    }

    /**
     * Stops the PostgreSQL an earlier run left running on this directory's data (its pid file names it); answers
     * whether there was one.
     */
    boolean endPostgres() {
        Optional<ProcessHandle> leftover = Infrastructure.postmaster(directory);
        leftover.ifPresent(postmaster -> {
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
        return leftover.isPresent();
    }
}

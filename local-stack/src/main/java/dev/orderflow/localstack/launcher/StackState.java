package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code ./orderflow up} tells {@code status} and {@code down} through its directory
 * ({@value #FILE}): the launcher's pid and start time from the moment it starts, and once everything is ready, each process with its
 * pid and port. Written whole and moved into place, so a reader never sees half of it; removed when the launcher
 * has stopped everything.
 */
record StackState(long launcherPid, Instant startedAt, Optional<Instant> readyAt, List<Entry> processes) {

    static final String FILE = "orderflow.state";

    /** One process of the stack: {@code kafka}, {@code postgresql} or a service's module name. */
    record Entry(String name, long pid, int port, Kind kind) {
    }

    enum Kind { KAFKA, POSTGRESQL, SERVICE }

    /** The state of the launcher that runs this code, which has started nothing yet. */
    static StackState ofThisLauncher() {
        ProcessHandle self = ProcessHandle.current();
        return new StackState(self.pid(), self.info().startInstant().orElseGet(Instant::now), Optional.empty(),
                List.of());
    }

    StackState ready(Instant at, List<Entry> running) {
        return new StackState(launcherPid, startedAt, Optional.of(at), List.copyOf(running));
    }

    /**
     * The launcher, if it still runs: the process of that pid that started when the launcher did (the operating
     * system's start time, to the tick), so that a pid used again by another process after a reboot is not taken
     * for it. The command line cannot say: the JDK reads only its first 4 KiB, less than the launcher's class path.
     */
    Optional<ProcessHandle> liveLauncher() {
        return ProcessHandle.of(launcherPid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(startedAt::equals).orElse(false));
    }

    void writeTo(Path directory) {
        Properties properties = new Properties();
        properties.setProperty("launcher.pid", String.valueOf(launcherPid));
        properties.setProperty("started.at", startedAt.toString());
        readyAt.ifPresent(at -> properties.setProperty("ready.at", at.toString()));
        for (int i = 0; i < processes.size(); i++) {
            Entry entry = processes.get(i);
            properties.setProperty("process." + i + ".name", entry.name());
            properties.setProperty("process." + i + ".pid", String.valueOf(entry.pid()));
            properties.setProperty("process." + i + ".port", String.valueOf(entry.port()));
            properties.setProperty("process." + i + ".kind", entry.kind().name());
        }
        try {
            Files.createDirectories(directory);
            Path written = Files.createTempFile(directory, FILE, ".new");
            try (Writer out = Files.newBufferedWriter(written)) {
                properties.store(out, "written by ./orderflow up, read by ./orderflow status and down");
            }
            Files.move(written, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException failed) {
            throw new UncheckedIOException("Cannot write " + directory.resolve(FILE), failed);
        }
    }

    /** The state in the directory; empty when there is none or it cannot be read (a run that was cut short). */
    static Optional<StackState> readFrom(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
            List<Entry> processes = new ArrayList<>();
            for (int i = 0; properties.containsKey("process." + i + ".name"); i++) {
                processes.add(new Entry(properties.getProperty("process." + i + ".name"),
                        Long.parseLong(properties.getProperty("process." + i + ".pid")),
                        Integer.parseInt(properties.getProperty("process." + i + ".port")),
                        Kind.valueOf(properties.getProperty("process." + i + ".kind"))));
            }
            return Optional.of(new StackState(Long.parseLong(properties.getProperty("launcher.pid")),
                    Instant.parse(properties.getProperty("started.at")),
                    Optional.ofNullable(properties.getProperty("ready.at")).map(Instant::parse),
                    List.copyOf(processes)));
        }
        catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static void removeFrom(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}

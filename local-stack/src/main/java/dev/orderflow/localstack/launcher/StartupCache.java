package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Services started from the JDK's AOT cache (JEP 483 and 514, JDK 25 and newer): the classes a service loads and
 * links while it starts, mapped from one file instead of found, read, parsed and verified in its jars again. A
 * service that starts in 10 s without it starts in about 3 s with it (docs/benchmarks.md).
 *
 * <p>For each service and build (the jar's size and time, the JDK, the JVM options) a directory under the root holds
 * the jar extracted the way the JDK can cache it ({@code java -Djarmode=tools -jar <jar> extract}: the application's
 * jar beside {@code lib/}; classes in a jar nested inside a jar are not cached) and, once trained, the cache. The
 * training runs the service once with {@code -XX:AOTCacheOutput} and {@code -Dspring.context.exit=onRefresh}: it
 * creates every bean, its database and broker connections included, then exits and the JDK writes the cache. A
 * newer build gets a directory of its own and the older ones of that service are removed. A training that fails
 * only costs time: the service starts without a cache, as it would on an older JDK.
 */
final class StartupCache {

    /** The first JDK whose {@code -XX:AOTCacheOutput} trains and writes a cache in one run. */
    static final int FIRST_JDK = 25;

    private static final Duration EXTRACTION_TIMEOUT = Duration.ofMinutes(2);

    private final Path root;

    private final List<String> jvmOptions;

    private final Set<ChildProcess> trainings = ConcurrentHashMap.newKeySet();

    private volatile boolean stopped;

    /**
     * @param root where the extracted jars and the caches of every service go
     * @param jvmOptions the services' JVM options: a cache holds only for the options it was trained with
     */
    StartupCache(Path root, List<String> jvmOptions) {
        this.root = root.toAbsolutePath().normalize();
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Whether the JDK that runs the services (this one, see {@link ChildProcess#javaExecutable()}) can. */
    static boolean supported() {
        return Runtime.version().feature() >= FIRST_JDK;
    }

    Path root() {
        return root;
    }

    /** A service whose cache to train: its entry, and the environment and log it runs with. */
    record Training(String name, Entry entry, Map<String, String> environment, Path logFile) {
    }

    /**
     * Trains these services' caches side by side (each a start of the service that exits once its beans are
     * created) and waits for them.
     *
     * @param jvm the {@code java} command and the options the services run with
     * @return why, by service name, for each training that failed: that service starts without a cache
     */
    Map<String, String> train(List<Training> services, List<String> jvm, Duration timeout) {
        List<CompletableFuture<Optional<String>>> results = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> train(service, jvm, timeout),
                        command -> Thread.ofPlatform().name("train-" + service.name()).start(command)))
                .toList();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i).name();
            results.get(i).join().ifPresent(failure -> failures.put(name, failure));
        }
        return failures;
    }

    /** Ends the trainings that run and refuses new ones: the stack is closing. */
    void stopTrainings() {
        stopped = true;
        trainings.forEach(ChildProcess::kill);
    }

    private Optional<String> train(Training service, List<String> jvm, Duration timeout) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(service.entry().trainingCommand());
        ChildProcess training = new ChildProcess(service.name() + " start-up cache training",
                ChildProcess.detachedFromTerminal(command), service.environment(), service.logFile());
        trainings.add(training);
        try {
            if (stopped) {
                return Optional.of("the stack was closed");
            }
            training.start();
            Optional<Integer> exit = training.awaitExit(timeout);
            if (exit.isEmpty()) {
                training.kill();
            }
            if (exit.isEmpty() || exit.get() != 0) {
                service.entry().discardTraining();
                return Optional.of("%s, see %s".formatted(exit.map(code -> "exit " + code)
                        .orElse("no end within " + timeout), service.logFile()));
            }
            return service.entry().keepTraining() ? Optional.empty()
                    : Optional.of("its run wrote none, see " + service.logFile());
        }
        catch (RuntimeException failed) {
            // A cache is only ever a gain: whatever went wrong, the service starts without one.
            return Optional.of(String.valueOf(failed.getMessage()));
        }
        finally {
            trainings.remove(training);
        }
    }

    /** The cached start of one service, built as {@code builtJar}. */
    Entry entry(OrderflowService service, Path builtJar) {
        return new Entry(service, builtJar);
    }

    /** One service's extracted jar and cache, for the build its jar is now. */
    final class Entry implements ServiceCode {

        private final OrderflowService service;

        private final Path builtJar;

        private Entry(OrderflowService service, Path builtJar) {
            this.service = service;
            this.builtJar = builtJar;
        }

        OrderflowService service() {
            return service;
        }

        /** {@code [-XX:AOTCache=<cache>] -jar <extracted jar>}: without the option until a training made the cache. */
        @Override
        public List<String> prepare() {
            Path build = extracted();
            List<String> command = new ArrayList<>();
            Path cache = cache(build);
            if (Files.isRegularFile(cache)) {
                command.add("-XX:AOTCache=" + cache);
            }
            command.add("-jar");
            command.add(jar(build).toString());
            return command;
        }

        /** Whether the current build has its cache. */
        boolean trained() {
            return Files.isRegularFile(cache(extracted()));
        }

        /**
         * The training run's command after the JVM options: it writes the cache to a file of its own, which
         * {@link #keepTraining()} makes the cache once the run succeeded.
         */
        List<String> trainingCommand() {
            Path build = extracted();
            return List.of("-XX:AOTCacheOutput=" + training(build), "-Dspring.context.exit=onRefresh",
                    "-jar", jar(build).toString());
        }

        /** Makes what the training run wrote the cache; false if it wrote nothing. */
        boolean keepTraining() {
            Path build = extracted();
            Path written = training(build);
            if (!Files.isRegularFile(written)) {
                return false;
            }
            try {
                Files.move(written, cache(build), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
            catch (IOException failed) {
                throw new UncheckedIOException("could not keep the start-up cache " + written, failed);
            }
        }

        /** Removes the current build's cache, so that it starts without one and the next stack trains it again. */
        @Override
        public boolean discardCache() {
            Path cache = cache(extracted());
            try {
                return Files.deleteIfExists(cache);
            }
            catch (IOException failed) {
                throw new UncheckedIOException("could not remove the start-up cache " + cache, failed);
            }
        }

        /** Removes what a failed training run may have left. */
        void discardTraining() {
            try {
                Files.deleteIfExists(training(extracted()));
            }
            catch (IOException ignored) {
                // the next training overwrites it
            }
        }

        /** The directory of the current build, extracted now if it was not yet (older builds' removed then). */
        private Path extracted() {
            synchronized (StartupCache.this) {
                Path serviceDirectory = root.resolve(service.module());
                Path build = serviceDirectory.resolve(buildKey());
                if (Files.isDirectory(build)) {
                    return build;
                }
                try {
                    Files.createDirectories(serviceDirectory);
                    for (Path older : list(serviceDirectory)) {
                        deleteRecursively(older);
                    }
                    Path partial = serviceDirectory.resolve(build.getFileName() + ".partial");
                    extract(partial);
                    Files.move(partial, build, StandardCopyOption.ATOMIC_MOVE);
                    return build;
                }
                catch (IOException failed) {
                    throw new UncheckedIOException("could not extract " + builtJar + " into " + build, failed);
                }
            }
        }

        private void extract(Path destination) throws IOException {
            Path log = destination.resolveSibling("extract.log");
            Process extraction = new ProcessBuilder(ChildProcess.javaExecutable(), "-Djarmode=tools", "-jar",
                    builtJar.toString(), "extract", "--destination", destination.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended;
            try {
                ended = extraction.waitFor(EXTRACTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException interrupted) {
                extraction.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while extracting " + builtJar, interrupted);
            }
            if (!ended) {
                extraction.destroyForcibly();
            }
            if (!ended || extraction.exitValue() != 0 || !Files.isRegularFile(jar(destination))) {
                throw new IllegalStateException("could not extract %s (%s): %s".formatted(builtJar,
                        ended ? "exit " + extraction.exitValue() : "no end within " + EXTRACTION_TIMEOUT,
                        Files.readString(log, StandardCharsets.UTF_8).strip()));
            }
            Files.delete(log);
        }

        private Path jar(Path build) {
            return build.resolve(builtJar.getFileName());
        }

        private Path cache(Path build) {
            return build.resolve(service.module() + ".aot");
        }

        private Path training(Path build) {
            return build.resolve(service.module() + ".training.aot");
        }

        /** Names the build: the jar's size and time, the JDK and the JVM options, which a cache depends on. */
        private String buildKey() {
            try {
                String build = String.join("\n", String.valueOf(Files.size(builtJar)),
                        String.valueOf(Files.getLastModifiedTime(builtJar).toMillis()), Runtime.version().toString(),
                        String.join(" ", jvmOptions));
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(build.getBytes(StandardCharsets.UTF_8)), 0, 8);
            }
            catch (IOException failed) {
                throw new UncheckedIOException("could not read " + builtJar, failed);
            }
            catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public String toString() {
            return service.module() + " from " + Optional.ofNullable(builtJar.getFileName()).orElse(builtJar);
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}

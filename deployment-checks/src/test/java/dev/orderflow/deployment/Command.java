package dev.orderflow.deployment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Runs one of the validation tools that deployment-checks/tools.sh installs, bounded in time. */
final class Command {

    static final String INSTALL_HINT = "run deployment-checks/tools.sh (it installs docker-compose, kubectl and the "
            + "validation packages)";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Command() {
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\n" + stdout + stderr;
        }

        /** The output when the command succeeded; a failed test naming the command and its output otherwise. */
        String orFail() {
            if (!succeeded()) {
                fail(describe());
            }
            return stdout;
        }
    }

    /** A missing tool is a failure that says how to install it, never a silently skipped check. */
    static void requireTool(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not on the PATH: " + INSTALL_HINT);
    }

    static void requireValidationPackages() {
        requireTool("node");
        if (!Files.isRegularFile(Repository.validationTools().resolve("node_modules/typescript/bin/tsc"))) {
            fail("the validation packages (deployment-checks/validate/node_modules) are not installed: " + INSTALL_HINT);
        }
    }

    static Result run(Path directory, String... command) {
        requireTool(command[0]);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            return new Result(List.of(command), process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

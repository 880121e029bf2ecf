package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A service run from a copy of its executable jar. A JVM reads classes from its jar for as long as it runs; a
 * rebuild that rewrote the jar in place would make a running service fail with NoClassDefFoundError. So each start
 * runs a copy, refreshed if the build changed.
 *
 * @param builtJar the module's jar as the build wrote it
 * @param runningJar where the copy that runs goes
 */
record JarCopy(Path builtJar, Path runningJar) implements ServiceCode {

    @Override
    public List<String> prepare() {
        try {
            if (Files.exists(runningJar) && Files.size(runningJar) == Files.size(builtJar)
                    && Files.getLastModifiedTime(runningJar).equals(Files.getLastModifiedTime(builtJar))) {
                return command();
            }
            Files.createDirectories(runningJar.getParent());
            Path partial = runningJar.resolveSibling(runningJar.getFileName() + ".partial");
            Files.copy(builtJar, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(partial, runningJar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return command();
        }
        catch (IOException failed) {
            throw new UncheckedIOException("could not copy " + builtJar + " to " + runningJar, failed);
        }
    }

    private List<String> command() {
        return List.of("-jar", runningJar.toString());
    }
}

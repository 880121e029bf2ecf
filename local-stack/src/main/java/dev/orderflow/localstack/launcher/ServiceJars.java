package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Finds the executable jar each service runs from, in its module's build output. */
final class ServiceJars {

    private ServiceJars() {
    }

    /**
     * The executable jar of a module: {@code <module>/target/<module>-<version>[-<classifier>].jar} with a
     * {@code Main-Class} (a module whose plain jar is its main artifact repackages into a classified one).
     */
    static Path executableJar(Path repositoryRoot, OrderflowService service) {
        Path target = repositoryRoot.resolve(service.module()).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> executable = files
                        .filter(file -> file.getFileName().toString().startsWith(service.module() + "-"))
                        .filter(file -> file.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .filter(ServiceJars::isExecutable)
                        .findFirst();
                if (executable.isPresent()) {
                    return executable.get();
                }
            }
            catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
        throw new IllegalStateException("No executable jar of %s in %s: build it first (./mvnw -DskipTests install)"
                .formatted(service.module(), target));
    }

    private static boolean isExecutable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) != null;
        }
        catch (IOException notAJar) {
            return false;
        }
    }
}

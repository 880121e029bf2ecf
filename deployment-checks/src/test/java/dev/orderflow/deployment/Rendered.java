package dev.orderflow.deployment;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docker-compose.yml and the k8s overlays as their tools see them (`docker-compose config`, `kubectl kustomize`),
 * rendered once per test run: anchors, merges and patches applied, so checks read what would really be deployed.
 * Compose renders with placeholder secrets ({@link ComposeSecrets}), never with a developer's own {@code .env}.
 */
final class Rendered {

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    /** The effective Compose model with every profile enabled. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() {
        return (Map<String, Object>) CACHE.computeIfAbsent("compose", key -> {
            String config = Command.run(Repository.root(), "docker-compose", "--file", "docker-compose.yml",
                    "--env-file", ComposeSecrets.placeholderEnvFile().toString(), "--profile", "observability",
                    "config").orFail();
            return new Yaml(new LoaderOptions()).<Map<String, Object>>load(config);
        });
    }

    /** One overlay rendered by kubectl, written to a file for the schema validator. */
    static Path overlayFile(String overlay) {
        return (Path) CACHE.computeIfAbsent("file:" + overlay, key -> {
            String manifests = Command.run(Repository.root(), "kubectl", "kustomize", "k8s/overlays/" + overlay)
                    .orFail();
            Path file = Repository.workDirectory().resolve("rendered-" + overlay + ".yaml");
            try {
                return Files.writeString(file, manifests);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The objects of one rendered overlay. */
    @SuppressWarnings("unchecked")
    static List<KubeObject> overlay(String overlay) {
        return (List<KubeObject>) CACHE.computeIfAbsent("objects:" + overlay, key -> {
            List<KubeObject> objects = new ArrayList<>();
            for (Object document : new Yaml(new LoaderOptions()).loadAll(Repository.read(overlayFile(overlay)))) {
                if (document instanceof Map<?, ?> map) {
                    objects.add(new KubeObject(overlay, (Map<String, Object>) map));
                }
            }
            return List.copyOf(objects);
        });
    }

    /** One Kubernetes object, with navigation that fails loudly on a missing path rather than returning null. */
    record KubeObject(String overlay, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            return Objects.toString(get("metadata.name"), null);
        }

        String describe() {
            return overlay + ": " + kind() + "/" + name();
        }

        /** The value at a dotted path of map keys, or null. */
        Object get(String path) {
            return Tree.at(content, path);
        }
    }

    /** Navigation in parsed YAML. */
    static final class Tree {

        private Tree() {
        }

        static Object at(Object node, String path) {
            Object current = node;
            for (String key : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            return current;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object node, String path) {
            Object value = at(node, path);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
        }

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> maps(Object node, String path) {
            Object value = at(node, path);
            return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }
    }
}

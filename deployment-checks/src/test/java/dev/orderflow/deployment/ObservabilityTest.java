package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard of the observability profile queries only orderflow meters that the code registers (a
 * renamed meter would leave a panel silently empty) and only datasources that are provisioned.
 */
class ObservabilityTest {

    private static final Path OBSERVABILITY = Repository.path("docker/observability/grafana");
    private static final Pattern DASHBOARD_METRIC = Pattern.compile("\\b(orderflow_[a-z0-9_]+)\\b");
    private static final Pattern METER_LITERAL = Pattern.compile("\"(orderflow\\.[a-z0-9.]+[a-z0-9])\"");
    private static final Pattern PREFIX_CONSTANT = Pattern.compile(
            "static final String (\\w+) = \"(orderflow\\.[a-z0-9.]*)\";");

    @Test
    void dashboardQueriesOnlyMetersTheServicesRegister() {
        Set<String> meters = registeredMeterNames();
        for (String metric : dashboardMetrics()) {
            assertThat(meters).as("meters registered in src/main/java, one of which the dashboard's %s must name",
                    metric).anyMatch(meter -> metric.equals(meter) || metric.startsWith(meter + "_"));
        }
    }

    @Test
    void dashboardUsesOnlyProvisionedDatasources() {
        Object datasources = load(OBSERVABILITY.resolve("provisioning/datasources/datasources.yml"));
        Set<Object> provisioned = new TreeSet<>();
        Tree.maps(datasources, "datasources").forEach(d -> provisioned.add(d.get("uid")));
        for (Map<String, Object> panel : Tree.maps(dashboard(), "panels")) {
            assertThat(provisioned).contains(Tree.at(panel, "datasource.uid"));
        }
    }

    private static Set<String> dashboardMetrics() {
        Set<String> metrics = new TreeSet<>();
        for (Map<String, Object> panel : Tree.maps(dashboard(), "panels")) {
            for (Map<String, Object> target : Tree.maps(panel, "targets")) {
                Matcher metric = DASHBOARD_METRIC.matcher(String.valueOf(target.get("expr")));
                while (metric.find()) {
                    metrics.add(metric.group(1));
                }
            }
        }
        assertThat(metrics).as("orderflow metrics on the dashboard").isNotEmpty();
        return metrics;
    }

    /** Meter names as Prometheus spells them (dots as underscores), from literals and PREFIX + "..." concatenations. */
    private static Set<String> registeredMeterNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(Repository.root())) {
            for (Path file : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
                    .flatMap(ObservabilityTest::javaFiles).toList()) {
                String source = Repository.read(file);
                Map<String, String> prefixes = new HashMap<>();
                Matcher constant = PREFIX_CONSTANT.matcher(source);
                while (constant.find()) {
                    prefixes.put(constant.group(1), constant.group(2));
                }
                prefixes.forEach((constantName, prefix) -> {
                    Matcher concatenation = Pattern.compile("\\b" + constantName + " \\+ \"([a-z0-9.]+)\"").matcher(source);
                    while (concatenation.find()) {
                        names.add((prefix + concatenation.group(1)).replace('.', '_'));
                    }
                });
                Matcher literal = METER_LITERAL.matcher(source);
                while (literal.find()) {
                    names.add(literal.group(1).replace('.', '_'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Stream<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object dashboard() {
        return load(OBSERVABILITY.resolve("dashboards/orderflow-overview.json"));
    }

    private static Object load(Path file) {
        return new Yaml(new LoaderOptions()).load(Repository.read(file)); // JSON is YAML
    }

}

package dev.orderflow.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every service does while nothing happens, as the lowest-priority defaults: a service's own
 * {@code application.yml}, its environment or its command line override each of them. Measured in
 * docs/benchmarks.md (the idle stack, thread by thread).
 * <ul>
 * <li>{@code management.otlp.metrics.export.enabled=false}: metrics are scraped from {@code /actuator/prometheus}
 * (docs/observability.md). The OpenTelemetry starter would also push every meter over OTLP once a minute, to a
 * collector that usually is not there (a warning with a stack trace each minute), and keep a second registry that every
 * timer and counter of every request and message updates as well.</li>
 * <li>{@code management.metrics.observations.ignored-meters=long-task-timer}: an observation (each request, each
 * message handled) records its timer only, not also a long-task timer of the observations in flight, which is two more
 * meter lookups and a registration per observation; what is in flight shows in the consumer lag and the outbox
 * backlog.</li>
 * <li>{@code server.tomcat.background-processor-delay=60s} (Tomcat's is 10 s): the embedded Tomcat's housekeeping
 * (session expiry, resource cache) runs once a minute; the services hold no HTTP session.</li>
 * <li>Prometheus exemplars (the trace id of one observation per histogram bucket) are sampled at most once a second
 * per meter instead of every 90 ms: each sample schedules a task on the client's scheduler thread, a wake-up per
 * active meter ten times a second under load, for a scrape that comes every 15-30 s.</li>
 * </ul>
 */
class QuietServiceDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "orderflow-quiet-service-defaults";

    static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.otlp.metrics.export.enabled", "false");
        defaults.put("management.metrics.observations.ignored-meters", "long-task-timer");
        defaults.put("server.tomcat.background-processor-delay", "60s");
        defaults.put("management.prometheus.metrics.export.properties[io.prometheus.exemplars.sample_interval_milliseconds]",
                "1000");
        return Map.copyOf(defaults);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}

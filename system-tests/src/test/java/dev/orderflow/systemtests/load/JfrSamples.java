package dev.orderflow.systemtests.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JVM's Java code spent its time on during a JFR recording, from its execution samples: the share of samples
 * per library category (the innermost frame that belongs to a known library names it: a {@code HashMap} lookup
 * called by Jackson counts as JSON) and the hottest methods (the frame on top of the stack).
 */
final class JfrSamples {

    /** Checked from the innermost frame outwards; the first prefix that matches names the sample's category. */
    private static final Map<String, List<String>> CATEGORIES = categories();

    static final String OTHER = "JDK / other";

    private JfrSamples() {
    }

    record Profile(long samples, Map<String, Double> categories, Map<String, Double> hottestFrames) {
    }

    static Profile of(Path recording) throws IOException {
        Map<String, Double> categories = new LinkedHashMap<>();
        Map<String, Double> frames = new LinkedHashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> trace = stack.getFrames();
                categories.merge(category(trace), 1.0, Double::sum);
                frames.merge(name(trace.getFirst()), 1.0, Double::sum);
            }
        }
        long total = samples;
        categories.replaceAll((category, count) -> 100 * count / total);
        frames.replaceAll((frame, count) -> 100 * count / total);
        Map<String, Double> hottest = new LinkedHashMap<>();
        ThreadCpu.sortedDescending(frames).entrySet().stream().limit(10)
                .forEach(entry -> hottest.put(entry.getKey(), entry.getValue()));
        return new Profile(samples, ThreadCpu.sortedDescending(categories), hottest);
    }

    static String category(List<RecordedFrame> trace) {
        for (RecordedFrame frame : trace) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
                if (category.getValue().stream().anyMatch(type::startsWith)) {
                    return category.getKey();
                }
            }
        }
        return OTHER;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, List<String>> categories() {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        categories.put("JSON", List.of("tools.jackson.", "com.fasterxml.jackson."));
        categories.put("Hibernate / JPA", List.of("org.hibernate.", "org.springframework.data.", "jakarta.persistence."));
        categories.put("JDBC (driver, pool)", List.of("org.postgresql.", "com.zaxxer.hikari."));
        categories.put("Flyway", List.of("org.flywaydb."));
        categories.put("Kafka client", List.of("org.apache.kafka.clients.", "org.apache.kafka.common.",
                "org.springframework.kafka."));
        categories.put("Kafka broker", List.of("kafka.", "org.apache.kafka."));
        categories.put("HTTP server", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
                "org.springframework.web.", "jakarta.servlet.", "org.springframework.http.server."));
        categories.put("HTTP client", List.of("jdk.internal.net.http.", "java.net.http.", "org.apache.hc.",
                "org.springframework.http.client.", "org.springframework.web.client."));
        categories.put("Resilience4j", List.of("io.github.resilience4j."));
        categories.put("logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging."));
        categories.put("metrics, tracing", List.of("io.micrometer.", "io.prometheus."));
        categories.put("Spring (transactions, scheduling, beans)", List.of("org.springframework."));
        categories.put("orderflow", List.of("dev.orderflow."));
        return categories;
    }
}

package dev.orderflow.messaging.it;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The spans the test application ends, kept in memory as they end (Spring Boot adds every {@link SpanProcessor} bean
 * to its OpenTelemetry tracer), for tests to find by what they expect. Imported, this configuration is itself the
 * bean tests inject.
 */
@TestConfiguration(proxyBeanMethods = false)
class ExportedSpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Bean
    SpanProcessor spansKeptInMemory() {
        return SimpleSpanProcessor.create(exporter);
    }

    /** Waits (bounded) for a span matching {@code filter} to end, and returns it. */
    SpanData awaitSpan(Predicate<SpanData> filter, Duration atMost) {
        return await().atMost(atMost)
                .until(() -> ended().stream().filter(filter).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    List<SpanData> ended() {
        return exporter.getFinishedSpanItems();
    }
}

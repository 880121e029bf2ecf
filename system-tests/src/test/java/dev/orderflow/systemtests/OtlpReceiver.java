package dev.orderflow.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An OpenTelemetry collector as small as a test needs: it takes OTLP/HTTP trace exports ({@code POST /v1/traces},
 * protobuf, as the services' exporters send them) on a free port of 127.0.0.1 and keeps the spans in memory.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** Enough for a whole system-test run; older spans are dropped beyond it. */
    private static final int MAX_SPANS = 200_000;
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::export);
        server.start();
    }

    /** Where the services' exporters send their spans. */
    public String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** The spans received so far that match {@code filter}. */
    public List<ReceivedSpan> spans(Predicate<ReceivedSpan> filter) {
        synchronized (spans) {
            return spans.stream().filter(filter).toList();
        }
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException notOtlp) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            keep(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void keep(ExportTraceServiceRequest request) {
        List<ReceivedSpan> received = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = strings(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    received.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name(), strings(span.getAttributesList())));
                }
            }
        }
        synchronized (spans) {
            spans.addAll(received);
            if (spans.size() > MAX_SPANS) {
                spans.subList(0, spans.size() - MAX_SPANS).clear();
            }
        }
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            if (attribute.getValue().hasStringValue()) {
                values.put(attribute.getKey(), attribute.getValue().getStringValue());
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One span as exported: ids in lower-case hex ({@code parentSpanId} empty for a root), the kind as OTLP names it
     * ({@code SPAN_KIND_SERVER}, {@code SPAN_KIND_CONSUMER}, ...), and its string attributes.
     */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               String kind, Map<String, String> attributes) {

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }
}

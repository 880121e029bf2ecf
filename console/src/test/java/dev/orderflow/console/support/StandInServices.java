package dev.orderflow.console.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services' admin APIs and messaging gauges as far as the console calls them, each service at a port of its own:
 * answers every request to the admin APIs with what the test set (by default {@code 200} and a saga), and keeps each
 * one's method, path, {@code Authorization} header and body; answers {@code /actuator/metrics/<name>} with the meter
 * the test set for that service ({@code 404} for any other), keeping who asked apart from the admin requests.
 */
public final class StandInServices {

    /** The services whose APIs this stands in for. */
    public static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
            "notification-service");

    private static final StandInServices SHARED = new StandInServices();

    private static final String METRICS = "/actuator/metrics/";

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<MetricRead> metricReads = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Meter>> meters = new ConcurrentHashMap<>();
    private volatile Reply reply = Reply.ok();

    private StandInServices() {
        for (String service : SERVICES) {
            servers.put(service, start(service));
        }
    }

    private HttpServer start(String service) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(METRICS, exchange -> {
            String name = exchange.getRequestURI().getPath().substring(METRICS.length());
            metricReads.add(new MetricRead(service, name, exchange.getRequestHeaders().getFirst("Authorization")));
            Meter meter = meters.getOrDefault(service, Map.of()).get(name);
            Meter answer = meter == null ? Meter.failing(404) : meter;
            byte[] body = answer.json(name).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply answer = reply;
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() < 400
                    ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    public static StandInServices shared() {
        return SHARED;
    }

    /** Where the console reaches {@code service}. */
    public String url(String service) {
        return "http://127.0.0.1:" + servers.get(service).getAddress().getPort();
    }

    /** From now on {@code service} shows these meters (by name) at its actuator, and no other. */
    public void meters(String service, Map<String, Meter> shown) {
        meters.put(service, Map.copyOf(shown));
    }

    public List<MetricRead> metricReads() {
        return List.copyOf(metricReads);
    }

    /** Every request from now on gets this answer. */
    public void answer(Reply next) {
        reply = next;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public record Request(String method, String path, String authorization, String body) {
    }

    public record MetricRead(String service, String name, String authorization) {
    }

    /** A gauge as the actuator shows it, or (status other than 200) a failure of the actuator. */
    public record Meter(int status, double value, String baseUnit) {

        public static Meter of(double value, String baseUnit) {
            return new Meter(200, value, baseUnit);
        }

        public static Meter failing(int status) {
            return new Meter(status, 0, null);
        }

        String json(String name) {
            return status != 200 ? "{\"status\": " + status + "}" : """
                    {"name": "%s", "description": "stand-in", "baseUnit": %s,
                     "measurements": [{"statistic": "VALUE", "value": %s}], "availableTags": []}"""
                    .formatted(name, baseUnit == null ? "null" : "\"" + baseUnit + "\"", value);
        }
    }

    public record Reply(int status, String body) {

        public static Reply ok() {
            return new Reply(200, """
                    {"saga": {"step": "RESERVING_STOCK"}, "sent": ["dev.orderflow.inventory.ReserveStock.v1"]}""");
        }
    }
}

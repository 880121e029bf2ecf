package dev.orderflow.systemtests.messages;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import dev.orderflow.systemtests.JsonRequests;
import dev.orderflow.systemtests.SystemChecks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system every end-to-end test of this JVM shares, seen from this package: the services' REST APIs and
 * actuators, their databases (read only) and the Kafka the stack runs, through {@link Wire}.
 */
final class LiveSystem {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The services that consume topics (the simulator consumes none). */
    static final List<OrderflowService> SERVICES = List.of(OrderflowService.ORDER, OrderflowService.INVENTORY,
            OrderflowService.PAYMENT, OrderflowService.NOTIFICATION);

    private static final String JSON_TYPES =
            "application/json, application/problem+json, application/vnd.spring-boot.actuator.v3+json";

    private static LiveSystem shared;

    private final Stack stack;
    private final SystemChecks checks;
    private final Wire wire;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveSystem(Stack stack) {
        this.stack = stack;
        this.checks = new SystemChecks(stack);
        this.wire = new Wire(stack.kafkaBootstrapServers());
    }

    static synchronized LiveSystem get() {
        if (shared == null) {
            shared = new LiveSystem(runningStack());
        }
        return shared;
    }

    /**
     * The stack {@code RunningSystem} starts once per test JVM. That class is package-private to the end-to-end
     * package, and the stack must be one per JVM (five JVMs and a broker), so this package reaches it by
     * reflection rather than starting a second one; a public accessor beside {@link SystemChecks} would replace this.
     */
    private static Stack runningStack() {
        try {
            Method stack = Class.forName("dev.orderflow.systemtests.RunningSystem").getDeclaredMethod("stack");
            stack.setAccessible(true);
            return (Stack) stack.invoke(null);
        } catch (InvocationTargetException failed) {
            throw new IllegalStateException("the system under test did not start", failed.getCause());
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("RunningSystem.stack() is gone: use its replacement here", missing);
        }
    }

    Stack stack() {
        return stack;
    }

    SystemChecks checks() {
        return checks;
    }

    Wire wire() {
        return wire;
    }

    // --- HTTP

    /** One HTTP answer: status and the body parsed as JSON (a missing node when empty or not JSON). */
    record Response(int status, JsonNode body, String raw) {

        String text(String field) {
            return body.path(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + (raw.length() > 500 ? raw.substring(0, 500) + "..." : raw);
        }
    }

    Response get(OrderflowService service, String path) {
        return send(service, "GET", path, null, JSON_TYPES);
    }

    JsonNode ok(OrderflowService service, String path) {
        Response response = get(service, path);
        assertThat(response.status()).as("GET %s on %s: %s", path, service, response).isBetween(200, 299);
        return response.body();
    }

    Response post(OrderflowService service, String path, String json) {
        return send(service, "POST", path, json, JSON_TYPES);
    }

    private Response send(OrderflowService service, String method, String path, String json, String accept) {
        HttpRequest.Builder request = JsonRequests.request(url(service, path), method, json, accept,
                "application/json");
        try {
            HttpResponse<String> response = http.send(JsonRequests.asOperator(request, stack).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + service + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI url(OrderflowService service, String path) {
        return stack.service(service).url(path);
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    // --- what the services say about themselves

    void assertEveryServiceReady() {
        for (OrderflowService service : SERVICES) {
            Response ready = get(service, "/actuator/health/readiness");
            assertThat(ready.status()).as("%s readiness: %s", service, ready).isEqualTo(200);
        }
    }

    /** {@code GET /actuator/deadletters} of a service: dead-letter topic to its messages. */
    JsonNode deadLetters(OrderflowService service) {
        return ok(service, "/actuator/deadletters");
    }

    /**
     * The topics each service consumes, as the services themselves declare them: messaging lists one dead-letter
     * topic per {@code MessageHandler} bean on {@code /actuator/deadletters}, so this is the code's own list.
     */
    Map<String, OrderflowService> consumedTopics() {
        Map<String, OrderflowService> consumers = new LinkedHashMap<>();
        for (OrderflowService service : SERVICES) {
            deadLetters(service).propertyNames().forEach(deadLetterTopic -> {
                OrderflowService other = consumers.put(dev.orderflow.events.Topics.ofDeadLetter(deadLetterTopic),
                        service);
                assertThat(other).as("a second consumer of the dead letters of %s", deadLetterTopic).isNull();
            });
        }
        return consumers;
    }

    /** A counter of a service's Prometheus scrape for one topic, summed over its other labels; 0 if absent. */
    double counter(OrderflowService service, String name, String topic) {
        Response scrape = send(service, "GET", "/actuator/prometheus", null, "text/plain");
        assertThat(scrape.status()).as("%s prometheus", service).isEqualTo(200);
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape.raw());
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains("topic=\"" + topic + "\"")) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    // --- domain shortcuts

    /** Creates a product in inventory with this SKU and waits until order-service's catalog replica prices it. */
    void createProduct(String sku, String price, int stock) {
        String body = JSON.createObjectNode().put("sku", sku).put("name", "Messages " + sku).put("initialStock", stock)
                .set("price", JSON.createObjectNode().put("amount", price).put("currency", "EUR")).toString();
        Response created = post(OrderflowService.INVENTORY, "/api/products", body);
        assertThat(created.status()).as("creating %s: %s", sku, created).isEqualTo(201);
        // The same probe as the end-to-end Catalog: a line given twice passes validation and reaches pricing, which
        // names an unknown SKU in unknownSkus; once priced, it is refused for the repeated line. Nothing is stored.
        await("order-service's catalog to know " + sku).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response probe = placeOrder("c-1001", Map.of(sku, 1), sku);
                    assertThat(probe.status()).as("probe order %s", probe).isEqualTo(422);
                    return probe.body().path("unknownSkus").isMissingNode();
                });
    }

    /** POST /api/orders; {@code repeatedSku}, if given, is added as a second line (the catalog probe). */
    Response placeOrder(String customerId, Map<String, Integer> lines, String repeatedSku) {
        var body = JSON.createObjectNode().put("customerId", customerId);
        var items = body.putArray("items");
        lines.forEach((sku, quantity) -> items.addObject().put("sku", sku).put("quantity", quantity));
        if (repeatedSku != null) {
            items.addObject().put("sku", repeatedSku).put("quantity", 1);
        }
        return post(OrderflowService.ORDER, "/api/orders", body.toString());
    }

    String placeAcceptedOrder(String customerId, Map<String, Integer> lines) {
        Response placed = placeOrder(customerId, lines, null);
        assertThat(placed.status()).as("order of %s for %s: %s", customerId, lines, placed).isEqualTo(202);
        return placed.text("id");
    }

    JsonNode order(String orderId) {
        return ok(OrderflowService.ORDER, "/api/orders/" + orderId);
    }

    List<JsonNode> notifications(String orderId) {
        List<JsonNode> all = new ArrayList<>();
        ok(OrderflowService.NOTIFICATION, "/api/notifications?orderId=" + orderId).forEach(all::add);
        return all;
    }

    // --- the services' own databases, read only

    /** Rows of a query on one service's database (user = password = database name, as in every local run). */
    List<Map<String, Object>> query(String database, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), database, database)) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object parameter = parameters[i];
                    statement.setObject(i + 1, parameter instanceof String text && isUuid(text)
                            ? UUID.fromString(text) : parameter);
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            row.put(columns.getColumnLabel(c), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query on " + database + " failed: " + sql, e);
        }
    }

    private static boolean isUuid(String text) {
        try {
            return text.length() == 36 && UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }
}

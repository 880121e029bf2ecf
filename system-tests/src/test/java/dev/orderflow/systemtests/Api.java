package dev.orderflow.systemtests;

import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.orderflow.localstack.launcher.OrderflowService.CONSOLE;
import static dev.orderflow.localstack.launcher.OrderflowService.EXTERNAL_SIMULATOR;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;

/**
 * The system's REST APIs as a test sees them: what a user or operator could call, nothing more. Every call carries
 * the operator client's token from the stack's authorization server, unless the caller sets {@code Authorization}.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(Stack stack) {
        this.stack = stack;
    }

    /** One HTTP answer: status, headers, and the body parsed as JSON (a missing node when it is empty). */
    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        String text(String field) {
            return body.path(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A line of an order request. */
    record Line(String sku, int quantity) {
    }

    // --- order-service

    Response placeOrder(String customerId, Line... lines) {
        return placeOrder(customerId, null, lines);
    }

    Response placeOrder(String customerId, String idempotencyKey, Line... lines) {
        ObjectNode body = JSON.createObjectNode().put("customerId", customerId);
        ArrayNode items = body.putArray("items");
        for (Line line : lines) {
            items.addObject().put("sku", line.sku()).put("quantity", line.quantity());
        }
        return send(ORDER, "POST", "/api/orders", body.toString(),
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Places an order that must be accepted, and answers its id. */
    String placeAcceptedOrder(String customerId, Line... lines) {
        Response placed = placeOrder(customerId, lines);
        if (placed.status() != 202) {
            throw new AssertionError("order not accepted: " + placed);
        }
        return placed.text("id");
    }

    JsonNode order(String orderId) {
        return ok(get(ORDER, "/api/orders/" + orderId));
    }

    List<JsonNode> orderEvents(String orderId) {
        return elements(ok(get(ORDER, "/api/orders/" + orderId + "/events")));
    }

    Response cancel(String orderId) {
        return send(ORDER, "POST", "/api/orders/" + orderId + "/cancel", "", Map.of());
    }

    // --- inventory-service

    Response createProduct(String sku, String name, String price, int initialStock) {
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("name", name).put("initialStock", initialStock);
        body.putObject("price").put("amount", price).put("currency", "EUR");
        return send(INVENTORY, "POST", "/api/products", body.toString(), Map.of());
    }

    JsonNode product(String sku) {
        return ok(get(INVENTORY, "/api/products/" + sku));
    }

    List<JsonNode> stockMovements(String sku) {
        return elements(ok(get(INVENTORY, "/api/products/" + sku + "/movements")));
    }

    // --- payment-service

    List<JsonNode> payments(String orderId) {
        return elements(ok(get(PAYMENT, "/api/payments?orderId=" + orderId)));
    }

    // --- notification-service

    List<JsonNode> notifications(String orderId) {
        return elements(ok(get(NOTIFICATION, "/api/notifications?orderId=" + orderId)));
    }

    // --- console

    /** What the console has seen of an order: its saga and every message of it (as an operator: the console's only reader). */
    Response consoleOrder(String orderId) {
        return get(CONSOLE, "/api/console/orders/" + orderId);
    }

    /** An operator's action on an order's stuck saga ({@code resume} or {@code compensate}), through the console. */
    Response consoleAction(String orderId, String action) {
        return send(CONSOLE, "POST", "/api/console/orders/" + orderId + "/" + action, "", Map.of());
    }

    // --- the outside world (simulated)

    List<JsonNode> pspCharges(String orderId) {
        return elements(ok(get(EXTERNAL_SIMULATOR, "/psp/charges?reference=" + orderId)));
    }

    List<JsonNode> pspRefunds(String chargeId) {
        return elements(ok(get(EXTERNAL_SIMULATOR, "/psp/refunds?chargeId=" + encode(chargeId))));
    }

    void pspFaults(boolean outage) {
        ObjectNode faults = JSON.createObjectNode().put("latencyMs", 0).put("failureRate", 0.0)
                .put("declineRate", 0.0).put("outage", outage);
        ok(send(EXTERNAL_SIMULATOR, "PUT", "/admin/faults/psp", faults.toString(), Map.of()));
    }

    // --- plumbing

    Response get(OrderflowService service, String path) {
        return send(service, "GET", path, null, Map.of());
    }

    Response send(OrderflowService service, String method, String path, String body, Map<String, String> headers) {
        return send(service, method, path, body, "application/json", headers);
    }

    Response send(OrderflowService service, String method, String path, String body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = JsonRequests.request(url(service, path), method, body,
                "application/json, application/problem+json", contentType);
        // As an operator would, unless the caller brings its own credentials (or none: an empty Authorization).
        Map<String, String> withCredentials = new LinkedHashMap<>(headers);
        withCredentials.putIfAbsent("Authorization", AccessTokens.bearer(stack.accessTokens().operator()));
        withCredentials.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : parse(response.body());
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + service + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    URI url(OrderflowService service, String path) {
        return stack.service(service).url(path);
    }

    static BigDecimal amount(JsonNode money) {
        return new BigDecimal(money.path("amount").asString());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(body);
        }
    }

    private static JsonNode ok(Response response) {
        if (response.status() / 100 != 2) {
            throw new AssertionError("expected a 2xx answer, got " + response);
        }
        return response.body();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

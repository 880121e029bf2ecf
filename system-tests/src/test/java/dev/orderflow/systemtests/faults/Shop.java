package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;
import dev.orderflow.systemtests.JsonRequests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.orderflow.localstack.launcher.OrderflowService.EXTERNAL_SIMULATOR;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the fault suite asks of the system over HTTP: placing orders (on whichever order-service instance runs),
 * setting up products and accounts, reading orders and notifications per customer, the simulator's faults and the
 * services' own metrics. Every call is bounded; a failed call is an answer here, not an exception, where a fault
 * may cause it.
 */
final class Shop {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    Shop(Stack stack) {
        this.stack = stack;
    }

    /** How a POST of an order ended: accepted with an id, or refused (how, e.g. "HTTP 503", "connection refused"). */
    record Placed(String orderId, String refusal) {

        boolean accepted() {
            return orderId != null;
        }
    }

    /** Places a one-line order on this order-service instance. Anything but 202 is a refusal. */
    Placed placeOrder(ServiceProcess orderService, String customerId, String sku, int quantity) {
        ObjectNode body = JSON.createObjectNode().put("customerId", customerId);
        body.putArray("items").addObject().put("sku", sku).put("quantity", quantity);
        HttpRequest request = JsonRequests.asOperator(HttpRequest.newBuilder(orderService.url("/api/orders"))
                .timeout(POST_TIMEOUT).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), stack).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return new Placed(JSON.readTree(response.body()).path("id").asString(), null);
            }
            return new Placed(null, "HTTP " + response.statusCode());
        } catch (HttpTimeoutException timedOut) {
            return new Placed(null, "timeout");
        } catch (ConnectException refused) {
            return new Placed(null, "connection refused");
        } catch (IOException failed) {
            // e.g. "IOException: HTTP/1.1 header parser received no bytes" when a crash cuts the request
            String message = failed.getMessage() == null ? "" : ": " + failed.getMessage().replaceAll("\\d+", "#");
            return new Placed(null, failed.getClass().getSimpleName() + message);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Placed(null, "interrupted");
        }
    }

    /** Creates a product and waits until order-service's catalog replica prices it (see the end-to-end Catalog). */
    void createProduct(String sku, String price, int stock) {
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("name", "Fault suite " + sku)
                .put("initialStock", stock);
        body.putObject("price").put("amount", price).put("currency", "EUR");
        Answer created = send(INVENTORY, "POST", "/api/products", body.toString());
        assertThat(created.status()).as("creating %s: %s", sku, created).isEqualTo(201);
        await("order-service's catalog to know " + sku).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    // Two lines of one SKU pass validation and reach pricing, which names an unknown SKU first.
                    ObjectNode probe = JSON.createObjectNode().put("customerId", "c-1001");
                    ArrayNode items = probe.putArray("items");
                    items.addObject().put("sku", sku).put("quantity", 1);
                    items.addObject().put("sku", sku).put("quantity", 1);
                    Answer answer = send(ORDER, "POST", "/api/orders", probe.toString());
                    assertThat(answer.status()).as("probe order %s", answer).isEqualTo(422);
                    return answer.body().path("unknownSkus").isMissingNode();
                });
    }

    /** Opens a customer's credit account (or sets its limit). */
    void openAccount(String customerId, String creditLimit) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("creditLimit").put("amount", creditLimit).put("currency", "EUR");
        Answer opened = send(PAYMENT, "PUT", "/api/accounts/" + encode(customerId), body.toString());
        assertThat(opened.status()).as("opening account %s: %s", customerId, opened).isBetween(200, 201);
    }

    /** Every order order-service holds for the customer, as its list answers them. */
    List<JsonNode> ordersOf(String customerId) {
        List<JsonNode> orders = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = ok(ORDER, "/api/orders?size=100&page=%d&customerId=%s".formatted(page,
                    encode(customerId)));
            answer.path("content").forEach(orders::add);
            if (answer.path("content").size() < 100) {
                return orders;
            }
        }
    }

    /** How many of the customer's orders have this status. */
    long countOrders(String customerId, String status) {
        return ok(ORDER, "/api/orders?size=1&customerId=%s&status=%s".formatted(encode(customerId), status))
                .path("totalElements").asLong();
    }

    List<JsonNode> notificationsOf(String customerId) {
        List<JsonNode> notifications = new ArrayList<>();
        ok(NOTIFICATION, "/api/notifications?customerId=" + encode(customerId)).forEach(notifications::add);
        return notifications;
    }

    /** Sets one outside party's faults at the simulator: {@code psp} or {@code provider}. */
    void faults(String party, long latencyMs, boolean outage) {
        ObjectNode faults = JSON.createObjectNode().put("latencyMs", latencyMs).put("failureRate", 0.0)
                .put("declineRate", 0.0).put("outage", outage);
        Answer set = send(EXTERNAL_SIMULATOR, "PUT", "/admin/faults/" + party, faults.toString());
        assertThat(set.status()).as("faults of %s: %s", party, set).isBetween(200, 299);
    }

    /** Whether this instance's outbox relay holds its database's lease, by its own gauge. */
    boolean relayActive(ServiceProcess instance) {
        Answer page = send(instance.url("/actuator/prometheus"), "GET", null);
        if (page.status() != 200) {
            return false;
        }
        return page.raw().lines().filter(line -> line.startsWith("orderflow_messaging_relay_active"))
                .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1.0);
    }

    /** One HTTP answer; status 0 when the service could not be reached. */
    record Answer(int status, JsonNode body, String raw) {

        @Override
        public String toString() {
            return status + " " + (raw.length() > 300 ? raw.substring(0, 300) + "..." : raw);
        }
    }

    private JsonNode ok(OrderflowService service, String path) {
        Answer answer = send(service, "GET", path, null);
        assertThat(answer.status()).as("GET %s on %s: %s", path, service, answer).isBetween(200, 299);
        return answer.body();
    }

    private Answer send(OrderflowService service, String method, String path, String body) {
        return send(stack.service(service).url(path), method, body);
    }

    private Answer send(URI url, String method, String body) {
        HttpRequest.Builder request = JsonRequests.request(url, method, body,
                "application/json, application/problem+json, text/plain", "application/json");
        try {
            HttpResponse<String> response = http.send(JsonRequests.asOperator(request, stack).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException unreachable) {
            return new Answer(0, JSON.missingNode(), unreachable.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

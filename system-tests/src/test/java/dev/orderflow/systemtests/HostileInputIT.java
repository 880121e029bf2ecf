package dev.orderflow.systemtests;

import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.launcher.OrderflowService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.orderflow.localstack.launcher.OrderflowService.CONSOLE;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, hostile and oversized requests against every endpoint of the four services: each is answered 4xx with
 * a problem body (or, where the request is legitimately acceptable, 2xx; a body over the limit 413), never 5xx,
 * never a stack trace; afterwards nothing was stored and every service is still ready.
 */
class HostileInputIT extends EndToEndTest {

    /** What a case may be answered. */
    enum Expect {
        /** Must be refused: 4xx. */
        REFUSED,
        /** A legitimate request with odd content (a filter that matches nothing, an ignored field): 2xx or 4xx. */
        MAY_ACCEPT,
        /** A body over the service's request-body limit, whatever it says: 413. */
        TOO_LARGE
    }

    /**
     * One hostile request. {@code problem} is false only where the answer legitimately comes from below our
     * controllers (Tomcat refusing a URL before Spring sees it) or cannot be a problem body (406: the client
     * refused every type we could answer with).
     */
    record Case(String name, OrderflowService service, String method, String path, byte[] body, String contentType,
                List<Map.Entry<String, String>> headers, Expect expect, boolean problem) {

        Case anyBody() {
            return new Case(name, service, method, path, body, contentType, headers, expect, false);
        }

        Case withType(String type) {
            return new Case(name, service, method, path, body, type, headers, expect, problem);
        }

        Case header(String header, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(header, value));
            return new Case(name, service, method, path, body, contentType, more, expect, problem);
        }

        @Override
        public String toString() {
            return "'" + name + "' (" + service + " " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path) + ")";
        }
    }

    /** Strings that have broken systems before, used as ids, SKUs and customer ids. */
    private static final List<Map.Entry<String, String>> NASTY = List.of(
            Map.entry("sql quote", "' OR '1'='1"),
            Map.entry("sql drop", "x'; DROP TABLE orders; --"),
            Map.entry("script tag", "<script>alert(1)</script>"),
            Map.entry("log4shell", "${jndi:ldap://127.0.0.1/a}"),
            Map.entry("path traversal", "../../etc/passwd"),
            Map.entry("emoji", "\uD83D\uDE00\uD83D\uDE80"),
            Map.entry("right-to-left override", "c-1001\u202Egnp.exe"),
            Map.entry("null byte", "c-1001\u0000"),
            Map.entry("control characters", "\r\n\t\u0007"),
            Map.entry("blank", "   "),
            Map.entry("10k characters", "A".repeat(10_000)),
            Map.entry("format string", "%s%s%s%n%x"));

    private static final Pattern STACK_TRACE = Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\(");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String marker = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> customersUsed = new ArrayList<>();
    private final List<String> accountsUsed = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> refusesHostileInputAndStoresNothing() {
        String sku = catalog.newProduct("1.00", 100);
        String orderId = api.placeAcceptedOrder(marker + "-probe", new Api.Line(sku, 1));
        int products = api.get(INVENTORY, "/api/products").body().size();
        JsonNode productBefore = api.product(sku);

        List<Case> cases = new ArrayList<>();
        orderCases(cases, sku, orderId);
        inventoryCases(cases, sku);
        paymentCases(cases);
        notificationCases(cases);
        wrongMethodsAndTypes(cases, sku, orderId);
        oversizedBodies(cases, sku, orderId);

        Stream<DynamicTest> hostile = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
        Stream<DynamicTest> after = Stream.of(
                DynamicTest.dynamicTest("at least 200 hostile cases", () -> assertThat(cases).hasSizeGreaterThanOrEqualTo(200)),
                DynamicTest.dynamicTest("afterwards: no order for any customer id used", this::noOrdersStored),
                DynamicTest.dynamicTest("afterwards: the probe order is untouched", () -> {
                    JsonNode order = api.order(orderId);
                    assertThat(order.path("customerId").asString()).isEqualTo(marker + "-probe");
                    assertThat(order.path("items")).hasSize(1);
                }),
                DynamicTest.dynamicTest("afterwards: product count and the probe product unchanged", () -> {
                    assertThat(api.get(INVENTORY, "/api/products").body().size()).isEqualTo(products);
                    JsonNode product = api.product(sku);
                    assertThat(product.path("name").asString()).isEqualTo(productBefore.path("name").asString());
                    assertThat(Api.amount(product.path("price"))).isEqualByComparingTo("1.00");
                    int units = product.path("available").asInt() + product.path("reserved").asInt()
                            + product.path("sold").asInt();
                    assertThat(units).as("no restock went through: %s", product).isEqualTo(100);
                }),
                DynamicTest.dynamicTest("afterwards: no account created", () -> {
                    for (String customer : accountsUsed) {
                        Api.Response account = api.get(PAYMENT, "/api/accounts/" + segment(customer));
                        assertThat(account.status()).as("account %s: %s", customer, account).isBetween(400, 499);
                    }
                }),
                DynamicTest.dynamicTest("afterwards: every service is ready", () -> {
                    for (OrderflowService service : List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION)) {
                        Api.Response ready = api.get(service, "/actuator/health/readiness");
                        assertThat(ready.status()).as("%s readiness: %s", service, ready).isEqualTo(200);
                    }
                }));
        return Stream.concat(hostile, after);
    }

    // --- order-service

    private void orderCases(List<Case> cases, String sku, String orderId) {
        String unknownSku = "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String customer = marker;
        customersUsed.add(customer);

        // Bad JSON and wrong shapes.
        placeRefused(cases, "bad JSON: empty body", "");
        placeRefused(cases, "bad JSON: truncated", "{\"customerId\": \"" + customer + "\", \"items\": [");
        placeRefused(cases, "bad JSON: trailing garbage", order(customer, sku, "1") + "}}}");
        placeRefused(cases, "bad JSON: single quotes", "{'customerId': 'x', 'items': []}");
        placeRefused(cases, "bad JSON: not an object", "[1, 2, 3]");
        placeRefused(cases, "bad JSON: a bare string", "\"hello\"");
        placeRefused(cases, "bad JSON: null", "null");
        placeRefused(cases, "bad JSON: comments", "/* hi */ " + order(customer, sku, "1"));
        placeRefused(cases, "bad JSON: invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        placeRefused(cases, "bad JSON: nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
        placeRefused(cases, "empty object", "{}");
        placeRefused(cases, "no items", "{\"customerId\": \"" + customer + "\"}");
        placeRefused(cases, "empty items", "{\"customerId\": \"" + customer + "\", \"items\": []}");
        placeRefused(cases, "items is an object", "{\"customerId\": \"" + customer + "\", \"items\": {\"sku\": \"" + sku + "\"}}");
        placeRefused(cases, "items is a string", "{\"customerId\": \"" + customer + "\", \"items\": \"" + sku + "\"}");
        placeRefused(cases, "null item", "{\"customerId\": \"" + customer + "\", \"items\": [null]}");
        placeRefused(cases, "customerId is a number", "{\"customerId\": 1001, \"items\": [{\"sku\": \"" + unknownSku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "customerId is an object", "{\"customerId\": {\"id\": \"x\"}, \"items\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "customerId is an array", "{\"customerId\": [\"x\"], \"items\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "customerId null", "{\"customerId\": null, \"items\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "sku is a number", order(customer, null, "1").replace("\"sku\": null", "\"sku\": 42"));
        placeRefused(cases, "sku null", order(customer, null, "1"));
        placeRefused(cases, "quantity missing", "{\"customerId\": \"" + customer + "\", \"items\": [{\"sku\": \"" + sku + "\"}]}");
        placeRefused(cases, "quantity null", order(customer, sku, "null"));

        // Numbers: negative, zero, fractional, overflowing, not numbers at all.
        for (var quantity : List.of(
                Map.entry("-1", "-1"), Map.entry("0", "0"), Map.entry("1001", "1001"), Map.entry("1.5", "1.5"),
                Map.entry("1e400", "1e400"), Map.entry("-1e400", "-1e400"), Map.entry("2147483648", "2147483648"),
                Map.entry("9223372036854775808", "9223372036854775808"), Map.entry("a 400-digit number", "9".repeat(400)),
                Map.entry("NaN", "NaN"), Map.entry("Infinity", "Infinity"), Map.entry("string \"1\"", "\"1\""),
                Map.entry("string \"one\"", "\"one\""), Map.entry("true", "true"), Map.entry("an array", "[1]"),
                Map.entry("hex 0x10", "0x10"), Map.entry("leading zeros 007", "007"))) {
            // "1" as a string may be coerced by Jackson; with the real SKU it would place an order, so every
            // quantity case names a SKU nobody sells: whatever Jackson makes of the number, the order is refused.
            placeRefused(cases, "quantity " + quantity.getKey(), order(customer, unknownSku, quantity.getValue()));
        }
        // PostgreSQL text cannot hold U+0000: such a customer id must be refused up front, not fail the INSERT.
        placeRefused(cases, "customerId null byte on a real SKU", order("c-1001\u0000", sku, "1"));
        placeRefused(cases, "quantity -1 on a real SKU", order(customer, sku, "-1"));
        placeRefused(cases, "quantity 1e400 on a real SKU", order(customer, sku, "1e400"));
        placeRefused(cases, "quantity 9223372036854775808 on a real SKU", order(customer, sku, "9223372036854775808"));

        // Huge bodies and arrays.
        placeRefused(cases, "10,000 order lines", lines(customer, sku, 10_000));
        placeRefused(cases, "51 order lines", lines(customer, sku, 51));
        placeRefused(cases, "the same SKU on two lines", "{\"customerId\": \"" + customer + "\", \"items\": ["
                + "{\"sku\": \"" + sku + "\", \"quantity\": 1}, {\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "2 MB customer id", order("C".repeat(2 * 1024 * 1024), sku, "1"));
        placeRefused(cases, "2 MB SKU", order(customer, "S".repeat(2 * 1024 * 1024), "1"));
        placeRefused(cases, "2 MB of whitespace then a refused order", " ".repeat(2 * 1024 * 1024) + order(customer, unknownSku, "1"));
        placeRefused(cases, "2 MB unknown field", "{\"customerId\": \"" + customer + "\", \"junk\": \""
                + "j".repeat(2 * 1024 * 1024) + "\", \"items\": [{\"sku\": \"" + unknownSku + "\", \"quantity\": 1}]}");

        // Unknown fields: ignored at worst, so the order is still refused for its unknown SKU.
        placeRefused(cases, "unknown field on the order", "{\"customerId\": \"" + customer + "\", \"admin\": true, "
                + "\"items\": [{\"sku\": \"" + unknownSku + "\", \"quantity\": 1}]}");
        placeRefused(cases, "client-chosen price and status", "{\"customerId\": \"" + customer + "\", \"status\": \"CONFIRMED\", "
                + "\"total\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}, \"items\": [{\"sku\": \"" + unknownSku
                + "\", \"quantity\": 1, \"unitPrice\": {\"amount\": \"0.01\"}}]}");
        placeRefused(cases, "duplicate JSON keys", "{\"customerId\": \"" + customer + "\", \"customerId\": \"" + customer + "\", "
                + "\"items\": [{\"sku\": \"" + unknownSku + "\", \"quantity\": 1, \"quantity\": 2}]}");

        // Nasty strings as customer id and SKU.
        for (var nasty : NASTY) {
            customersUsed.add(nasty.getValue());
            placeRefused(cases, "customerId " + nasty.getKey(), order(nasty.getValue(), unknownSku, "1"));
            placeRefused(cases, "sku " + nasty.getKey(), order(customer, nasty.getValue(), "1"));
        }

        // Idempotency-Key: absent is fine (the order is refused for its SKU); hostile or repeated keys are refused.
        String refusedOrder = order(customer, unknownSku, "1");
        cases.add(post(ORDER, "/api/orders", refusedOrder, "Idempotency-Key empty", Expect.REFUSED).header("Idempotency-Key", ""));
        // Past Tomcat's 8 KB header limit: Tomcat's own 400 page.
        cases.add(post(ORDER, "/api/orders", refusedOrder, "Idempotency-Key 10,000 characters", Expect.REFUSED).anyBody()
                .header("Idempotency-Key", "k".repeat(10_000)));
        cases.add(post(ORDER, "/api/orders", refusedOrder, "Idempotency-Key with spaces", Expect.REFUSED)
                .header("Idempotency-Key", "a b c"));
        cases.add(post(ORDER, "/api/orders", refusedOrder, "Idempotency-Key SQL", Expect.REFUSED)
                .header("Idempotency-Key", "';DROP-TABLE-orders;--"));
        cases.add(post(ORDER, "/api/orders", refusedOrder, "two Idempotency-Key headers", Expect.REFUSED)
                .header("Idempotency-Key", "key-one-" + marker).header("Idempotency-Key", "key-two-" + marker));
        cases.add(post(ORDER, "/api/orders", order(customer, sku, "0"), "two Idempotency-Key headers, zero quantity", Expect.REFUSED)
                .header("Idempotency-Key", "key-three-" + marker).header("Idempotency-Key", "key-three-" + marker));

        // Ids in paths: bad UUIDs, traversal, unicode; none of them is an order.
        List<Map.Entry<String, String>> badIds = new ArrayList<>(List.of(
                Map.entry("not a UUID", "not-a-uuid"), Map.entry("UUID too long", UUID.randomUUID() + "0"),
                Map.entry("UUID with bad hex", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"), Map.entry("number", "42"),
                Map.entry("negative number", "-1"), Map.entry("unknown UUID", UUID.randomUUID().toString()),
                Map.entry("nil UUID", "00000000-0000-0000-0000-000000000000")));
        for (var nasty : NASTY) {
            if (!nasty.getValue().isBlank() && !nasty.getValue().contains("\u0000") && !nasty.getValue().contains("/")) {
                badIds.add(nasty);
            }
        }
        for (var id : badIds) {
            cases.add(get(ORDER, "/api/orders/" + segment(id.getValue()), "GET order: id " + id.getKey(), Expect.REFUSED));
            cases.add(get(ORDER, "/api/orders/" + segment(id.getValue()) + "/events", "GET order events: id " + id.getKey(), Expect.REFUSED));
            Case cancel = post(ORDER, "/api/orders/" + segment(id.getValue()) + "/cancel", null, "cancel: id " + id.getKey(), Expect.REFUSED);
            cases.add(tomcatRefuses(cancel.path()) ? cancel.anyBody() : cancel);
        }
        // Ids that Tomcat itself refuses or that resolve to no handler.
        for (var raw : List.of(
                Map.entry("encoded slash", "%2e%2e%2f%2e%2e%2factuator%2fenv"),
                Map.entry("encoded backslash", "..%5c..%5cactuator"),
                Map.entry("encoded null byte", "abc%00def"),
                Map.entry("encoded CRLF", "abc%0d%0aSet-Cookie:%20x=y"),
                Map.entry("semicolon path parameter", UUID.randomUUID() + ";jsessionid=x"))) {
            cases.add(get(ORDER, "/api/orders/" + raw.getValue(), "GET order: raw id " + raw.getKey(), Expect.REFUSED).anyBody());
        }
        cases.add(get(ORDER, "/api/orders/" + orderId + "/../../../actuator/env", "GET order: dot-dot path to actuator env", Expect.REFUSED).anyBody());

        // asOf.
        for (var asOf : List.of(
                Map.entry("a word", "yesterday"), Map.entry("month 13", "2026-13-45T00:00:00Z"),
                Map.entry("no zone", "2026-11-24T10:00:00"), Map.entry("epoch number", "1732440000"),
                Map.entry("empty", ""), Map.entry("SQL", "' OR 1=1 --"), Map.entry("year 1e9 overflow", "+1000000001-01-01T00:00:00Z"))) {
            cases.add(get(ORDER, "/api/orders/" + orderId + "?asOf=" + query(asOf.getValue()), "GET order: asOf " + asOf.getKey(),
                    asOf.getValue().isEmpty() ? Expect.MAY_ACCEPT : Expect.REFUSED));
        }
        // Parseable but extreme instants: the order did not exist then (404) or did (200); never a database error.
        for (var asOf : List.of(Map.entry("Instant.MIN", "-1000000000-01-01T00:00:00Z"),
                Map.entry("Instant.MAX", "+1000000000-12-31T23:59:59.999999999Z"), Map.entry("year 0", "0000-01-01T00:00:00Z"),
                Map.entry("year 9999", "9999-12-31T23:59:59Z"), Map.entry("epoch", "1970-01-01T00:00:00Z"))) {
            cases.add(get(ORDER, "/api/orders/" + orderId + "?asOf=" + query(asOf.getValue()), "GET order: asOf " + asOf.getKey(), Expect.MAY_ACCEPT));
        }

        // Paging and filters.
        for (var paging : List.of(
                Map.entry("page=-1", "page=-1"), Map.entry("size=100000", "size=100000"), Map.entry("size=0", "size=0"),
                Map.entry("size=-5", "size=-5"), Map.entry("page=abc", "page=abc"), Map.entry("size=1e400", "size=1e400"),
                Map.entry("page=9223372036854775808", "page=9223372036854775808"), Map.entry("page=2147483647", "page=2147483647"),
                Map.entry("status=BOGUS", "status=BOGUS"), Map.entry("status=pending lower case", "status=pending"),
                Map.entry("customerId of 65 characters", "customerId=" + "c".repeat(65)))) {
            cases.add(get(ORDER, "/api/orders?customerId=" + customer + "&" + paging.getValue(), "list orders: " + paging.getKey(), Expect.REFUSED));
        }
        cases.add(get(ORDER, "/api/orders?customerId=" + customer + "&page=100000&size=100", "list orders: last allowed page", Expect.MAY_ACCEPT));
        cases.add(get(ORDER, "/api/orders?customerId=" + customer + "&page=1&page=2", "list orders: page given twice", Expect.MAY_ACCEPT));
        cases.add(get(ORDER, "/api/orders?customerId=" + customer + "&sort=customerId;DROP", "list orders: unknown sort parameter (ignored)", Expect.MAY_ACCEPT));
        for (var nasty : NASTY) {
            // A customer id is a filter here: matching nothing (200, empty) is as right as refusing it.
            cases.add(get(ORDER, "/api/orders?customerId=" + query(nasty.getValue()), "list orders: customerId " + nasty.getKey(), Expect.MAY_ACCEPT));
        }

        // The projection admin endpoint only takes POST.
        cases.add(new Case("projection rebuild: GET", ORDER, "GET", "/api/admin/projections/orders/rebuild", null, null, List.of(), Expect.REFUSED, true));
    }

    // --- inventory-service

    private void inventoryCases(List<Case> cases, String sku) {
        String fresh = "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String price = "{\"amount\": \"1.00\", \"currency\": \"EUR\"}";
        for (var body : List.of(
                Map.entry("bad JSON", "{\"sku\": "),
                Map.entry("empty object", "{}"),
                Map.entry("array", "[]"),
                Map.entry("sku lower case", product("lower-" + fresh.toLowerCase(), price, "1")),
                Map.entry("sku 33 characters", product("A".repeat(33), price, "1")),
                Map.entry("sku starting with a dash", product("-" + fresh, price, "1")),
                // Jackson coerces a JSON number to text, so 123 would be the valid SKU "123": 1.5 is not one.
                Map.entry("sku a number", product(null, price, "1").replace("\"sku\": null", "\"sku\": 1.5")),
                Map.entry("sku an object", product(null, price, "1").replace("\"sku\": null", "\"sku\": {\"sku\": \"A\"}")),
                Map.entry("initialStock -1", product(fresh, price, "-1")),
                Map.entry("initialStock 1e400", product(fresh, price, "1e400")),
                Map.entry("initialStock 9223372036854775808", product(fresh, price, "9223372036854775808")),
                Map.entry("initialStock over the maximum", product(fresh, price, "1000001")),
                Map.entry("initialStock a string", product(fresh, price, "\"lots\"")),
                Map.entry("price negative", product(fresh, "{\"amount\": \"-1.00\", \"currency\": \"EUR\"}", "1")),
                Map.entry("price zero", product(fresh, "{\"amount\": \"0\", \"currency\": \"EUR\"}", "1")),
                Map.entry("price 1e400", product(fresh, "{\"amount\": 1e400, \"currency\": \"EUR\"}", "1")),
                Map.entry("price 1e1000000000", product(fresh, "{\"amount\": \"1e1000000000\", \"currency\": \"EUR\"}", "1")),
                Map.entry("price three decimals", product(fresh, "{\"amount\": \"1.001\", \"currency\": \"EUR\"}", "1")),
                Map.entry("price not a number", product(fresh, "{\"amount\": \"cheap\", \"currency\": \"EUR\"}", "1")),
                Map.entry("price in USD", product(fresh, "{\"amount\": \"1.00\", \"currency\": \"USD\"}", "1")),
                Map.entry("price currency script", product(fresh, "{\"amount\": \"1.00\", \"currency\": \"<script>\"}", "1")),
                Map.entry("price a string", product(fresh, "\"1.00\"", "1")),
                Map.entry("name 2 MB", product(fresh, price, "1").replace("\"name\": \"hostile\"", "\"name\": \"" + "n".repeat(2 * 1024 * 1024) + "\"")),
                Map.entry("name blank", product(fresh, price, "1").replace("\"name\": \"hostile\"", "\"name\": \"  \"")),
                Map.entry("duplicate of an existing SKU", product(sku, price, "1")))) {
            cases.add(post(INVENTORY, "/api/products", body.getValue(), "create product: " + body.getKey(), Expect.REFUSED));
        }
        for (var nasty : NASTY) {
            cases.add(post(INVENTORY, "/api/products", product(nasty.getValue(), price, "1"), "create product: sku " + nasty.getKey(), Expect.REFUSED));
            if (!nasty.getValue().contains("/")) {
                cases.add(get(INVENTORY, "/api/products/" + segment(nasty.getValue()), "GET product: sku " + nasty.getKey(), Expect.REFUSED));
                cases.add(get(INVENTORY, "/api/products/" + segment(nasty.getValue()) + "/movements", "GET movements: sku " + nasty.getKey(), Expect.REFUSED));
                Case restock = post(INVENTORY, "/api/products/" + segment(nasty.getValue()) + "/restock", "{\"quantity\": 1}",
                        "restock: sku " + nasty.getKey(), Expect.REFUSED);
                cases.add(tomcatRefuses(restock.path()) ? restock.anyBody() : restock);
            }
        }
        cases.add(get(INVENTORY, "/api/products/..%2f..%2factuator%2fenv", "GET product: encoded traversal", Expect.REFUSED).anyBody());
        cases.add(get(INVENTORY, "/api/products/" + sku + "/../../../actuator/env", "GET product: dot-dot path to actuator env", Expect.REFUSED).anyBody());

        String restock = "/api/products/" + sku + "/restock";
        for (var quantity : List.of("-1", "0", "1e400", "9223372036854775808", "2147483648", "1000001", "1.5", "\"ten\"", "null", "[]")) {
            cases.add(post(INVENTORY, restock, "{\"quantity\": " + quantity + "}", "restock: quantity " + quantity, Expect.REFUSED));
        }
        cases.add(post(INVENTORY, restock, "", "restock: empty body", Expect.REFUSED));
        cases.add(post(INVENTORY, restock, "{\"qty\": 5}", "restock: only an unknown field", Expect.REFUSED));
        cases.add(post(INVENTORY, restock, "{\"quantity\": 1", "restock: bad JSON", Expect.REFUSED));

        String entry = "/api/products/" + sku;
        for (var body : List.of(
                Map.entry("empty object", "{}"),
                Map.entry("price missing", "{\"name\": \"x\"}"),
                Map.entry("price negative", "{\"name\": \"x\", \"price\": {\"amount\": \"-0.01\", \"currency\": \"EUR\"}}"),
                Map.entry("price 1e400", "{\"name\": \"x\", \"price\": {\"amount\": 1e400, \"currency\": \"EUR\"}}"),
                Map.entry("price in JPY", "{\"name\": \"x\", \"price\": {\"amount\": \"1.00\", \"currency\": \"JPY\"}}"),
                Map.entry("name 201 characters", "{\"name\": \"" + "n".repeat(201) + "\", \"price\": " + price + "}"),
                Map.entry("bad JSON", "{\"name\": x}"))) {
            cases.add(new Case("change catalog entry: " + body.getKey(), INVENTORY, "PUT", entry,
                    body.getValue().getBytes(StandardCharsets.UTF_8), "application/json", List.of(), Expect.REFUSED, true));
        }
    }

    // --- payment-service

    private void paymentCases(List<Case> cases) {
        for (var orderId : List.of("not-a-uuid", "' OR '1'='1", "", "42", UUID.randomUUID() + "0", "\uD83D\uDE00")) {
            cases.add(get(PAYMENT, "/api/payments?orderId=" + query(orderId), "payments: orderId " + describe(orderId), Expect.REFUSED));
        }
        cases.add(get(PAYMENT, "/api/payments", "payments: no orderId", Expect.REFUSED));
        cases.add(get(PAYMENT, "/api/payments?orderId=" + UUID.randomUUID(), "payments: unknown order (an empty list)", Expect.MAY_ACCEPT));
        // Spring binds the first of two values to a single-valued parameter: a lookup, not an error.
        cases.add(get(PAYMENT, "/api/payments?orderId=" + UUID.randomUUID() + "&orderId=" + UUID.randomUUID(),
                "payments: orderId given twice", Expect.MAY_ACCEPT));

        for (var nasty : NASTY) {
            if (!nasty.getValue().contains("/")) {
                cases.add(get(PAYMENT, "/api/accounts/" + segment(nasty.getValue()), "GET account: customerId " + nasty.getKey(), Expect.REFUSED));
            }
        }
        String account = marker + "-account";
        accountsUsed.add(account);
        String path = "/api/accounts/" + account;
        for (var body : List.of(
                Map.entry("bad JSON", "{\"creditLimit\": "),
                Map.entry("empty object", "{}"),
                Map.entry("creditLimit null", "{\"creditLimit\": null}"),
                Map.entry("creditLimit a number", "{\"creditLimit\": 100}"),
                Map.entry("amount -1", limit("\"-1\"", "EUR")),
                Map.entry("amount 1e400", limit("1e400", "EUR")),
                Map.entry("amount 1e1000000000", limit("\"1e1000000000\"", "EUR")),
                Map.entry("amount 9223372036854775808", limit("9223372036854775808", "EUR")),
                Map.entry("amount 13 integer digits", limit("\"1000000000000\"", "EUR")),
                Map.entry("amount three decimals", limit("\"1.001\"", "EUR")),
                Map.entry("amount NaN", limit("\"NaN\"", "EUR")),
                Map.entry("amount a word", limit("\"lots\"", "EUR")),
                Map.entry("currency USD", limit("\"100.00\"", "USD")),
                Map.entry("currency SQL", limit("\"100.00\"", "EUR'; DROP TABLE accounts; --")),
                Map.entry("2 MB body", limit("\"100.00\"", "E".repeat(2 * 1024 * 1024))))) {
            cases.add(new Case("set credit limit: " + body.getKey(), PAYMENT, "PUT", path,
                    body.getValue().getBytes(StandardCharsets.UTF_8), "application/json", List.of(), Expect.REFUSED, true));
        }
        String tooLong = "c".repeat(65);
        accountsUsed.add(tooLong);
        cases.add(new Case("set credit limit: customerId of 65 characters", PAYMENT, "PUT", "/api/accounts/" + tooLong,
                limit("\"100.00\"", "EUR").getBytes(StandardCharsets.UTF_8), "application/json", List.of(), Expect.REFUSED, true));
        cases.add(new Case("set credit limit: text/plain", PAYMENT, "PUT", path,
                limit("\"100.00\"", "EUR").getBytes(StandardCharsets.UTF_8), "text/plain", List.of(), Expect.REFUSED, true));
    }

    // --- notification-service

    private void notificationCases(List<Case> cases) {
        cases.add(get(NOTIFICATION, "/api/notifications", "notifications: no filter", Expect.REFUSED));
        cases.add(get(NOTIFICATION, "/api/notifications?customerId=", "notifications: empty customerId", Expect.REFUSED));
        for (var orderId : List.of("not-a-uuid", "' OR '1'='1", "-1", "../../etc/passwd")) {
            cases.add(get(NOTIFICATION, "/api/notifications?orderId=" + query(orderId), "notifications: orderId " + describe(orderId), Expect.REFUSED));
        }
        cases.add(get(NOTIFICATION, "/api/notifications?customerId=" + "c".repeat(65), "notifications: customerId of 65 characters", Expect.REFUSED));
        for (var nasty : NASTY) {
            cases.add(get(NOTIFICATION, "/api/notifications?customerId=" + query(nasty.getValue()),
                    "notifications: customerId " + nasty.getKey(), Expect.MAY_ACCEPT));
        }
    }

    // --- methods, content types, Accept

    private void wrongMethodsAndTypes(List<Case> cases, String sku, String orderId) {
        String refusedOrder = order(marker, "NOPE-" + marker.toUpperCase(), "1");
        for (var call : List.of(
                Map.entry(ORDER, "DELETE /api/orders/" + orderId), Map.entry(ORDER, "PUT /api/orders/" + orderId),
                Map.entry(ORDER, "PATCH /api/orders"), Map.entry(ORDER, "DELETE /api/orders"),
                Map.entry(ORDER, "GET /api/orders/" + orderId + "/cancel"), Map.entry(ORDER, "POST /api/orders/" + orderId + "/events"),
                Map.entry(INVENTORY, "DELETE /api/products/" + sku), Map.entry(INVENTORY, "PATCH /api/products/" + sku),
                Map.entry(INVENTORY, "PUT /api/products"), Map.entry(INVENTORY, "GET /api/products/" + sku + "/restock"),
                Map.entry(INVENTORY, "POST /api/products/" + sku + "/movements"),
                Map.entry(PAYMENT, "POST /api/payments"), Map.entry(PAYMENT, "DELETE /api/payments"),
                Map.entry(PAYMENT, "DELETE /api/accounts/c-1001"), Map.entry(PAYMENT, "POST /api/accounts/c-1001"),
                Map.entry(NOTIFICATION, "POST /api/notifications"), Map.entry(NOTIFICATION, "DELETE /api/notifications"),
                Map.entry(NOTIFICATION, "PUT /api/notifications"))) {
            String[] parts = call.getValue().split(" ", 2);
            cases.add(new Case("wrong method: " + call.getValue(), call.getKey(), parts[0], parts[1],
                    "{}".getBytes(StandardCharsets.UTF_8), "application/json", List.of(), Expect.REFUSED, true));
        }
        for (var type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=ebcdic", "garbage")) {
            cases.add(post(ORDER, "/api/orders", refusedOrder, "place order: content type " + type, Expect.REFUSED).withType(type));
            cases.add(post(INVENTORY, "/api/products", "{}", "create product: content type " + type, Expect.REFUSED).withType(type));
        }
        cases.add(post(ORDER, "/api/orders", refusedOrder, "place order: no content type", Expect.REFUSED).withType(null));
        cases.add(post(INVENTORY, "/api/products/" + sku + "/restock", "{\"quantity\": 1}", "restock: no content type", Expect.REFUSED).withType(null));
        cases.add(post(ORDER, "/api/orders", refusedOrder, "place order: two Content-Type headers", Expect.REFUSED)
                .header("Content-Type", "text/plain"));
        // A client that accepts nothing we produce gets 406; its body cannot be a type the client refused.
        cases.add(get(ORDER, "/api/orders/" + orderId, "GET order: Accept text/csv", Expect.REFUSED).anyBody().header("Accept", "text/csv"));
        cases.add(get(INVENTORY, "/api/products/" + sku, "GET product: Accept image/png", Expect.REFUSED).anyBody().header("Accept", "image/png"));
        cases.add(get(ORDER, "/api/orders/" + orderId, "GET order: malformed Accept (tolerated or refused)", Expect.MAY_ACCEPT)
                .anyBody().header("Accept", ";;;/"));
    }

    // --- every endpoint: bodies over the limit (64 KB), otherwise valid

    private void oversizedBodies(List<Case> cases, String sku, String orderId) {
        String customer = marker + "-large";
        customersUsed.add(customer);
        String account = marker + "-large-account";
        accountsUsed.add(account);
        String price = "{\"amount\": \"2.00\", \"currency\": \"EUR\"}";
        String fresh = "LARGE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String topic = segment("orders.commands.DLT");
        for (Case large : List.of(
                post(ORDER, "/api/orders", order(customer, sku, "1"), "place order", Expect.TOO_LARGE)
                        .header("Idempotency-Key", marker + "-large"),
                post(ORDER, "/api/orders/" + orderId + "/cancel", "{}", "cancel order", Expect.TOO_LARGE),
                post(ORDER, "/api/admin/projections/orders/rebuild", "{}", "rebuild projection", Expect.TOO_LARGE),
                post(ORDER, "/api/admin/sagas/" + orderId + "/resume", "{}", "resume saga", Expect.TOO_LARGE),
                post(ORDER, "/api/admin/sagas/" + orderId + "/compensate", "{}", "compensate saga", Expect.TOO_LARGE),
                post(CONSOLE, "/api/console/orders/" + orderId + "/compensate", "{}", "compensate saga from the console",
                        Expect.TOO_LARGE),
                post(INVENTORY, "/api/products", product(fresh, price, "1"), "create product", Expect.TOO_LARGE),
                new Case("change catalog entry", INVENTORY, "PUT", "/api/products/" + sku,
                        ("{\"name\": \"large\", \"price\": " + price + "}").getBytes(StandardCharsets.UTF_8),
                        "application/json", List.of(), Expect.TOO_LARGE, true),
                post(INVENTORY, "/api/products/" + sku + "/restock", "{\"quantity\": 1}", "restock", Expect.TOO_LARGE),
                new Case("set credit limit", PAYMENT, "PUT", "/api/accounts/" + account,
                        limit("\"100.00\"", "EUR").getBytes(StandardCharsets.UTF_8), "application/json", List.of(),
                        Expect.TOO_LARGE, true))) {
            cases.add(padded(large, 1024 * 1024));
        }
        for (OrderflowService service : List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION)) {
            cases.add(padded(post(service, "/actuator/deadletters/" + topic, "{}", "replay dead letters",
                    Expect.TOO_LARGE), 1024 * 1024));
        }
        // Past Tomcat's 2 MB of swallowed body a connection closes under a client still sending; a client that
        // asks first (Expect: 100-continue) gets the answer before it sends anything.
        cases.add(padded(post(ORDER, "/api/orders", order(customer, sku, "1"), "place order", Expect.TOO_LARGE)
                .header("Idempotency-Key", marker + "-larger").header("Expect", "100-continue"), 3 * 1024 * 1024));
    }

    /** The case with its JSON body padded with spaces to {@code size} bytes: still valid, only too large. */
    private static Case padded(Case c, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(c.body(), 0, body, 0, c.body().length);
        return new Case("oversized body (" + (size / 1024) + " KB): " + c.name(), c.service(), c.method(), c.path(),
                body, c.contentType(), c.headers(), c.expect(), c.problem());
    }

    // --- checking

    private void check(Case c) {
        HttpResponse<String> response = send(c);
        String body = response.body();
        String shown = response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("(no type)") + " "
                + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        assertThat(response.statusCode()).as("BUG, a server error for %s: %s", c, shown).isLessThan(500);
        assertThat(STACK_TRACE.matcher(body).find()).as("BUG, a stack trace in the answer to %s: %s", c, shown).isFalse();
        if (c.expect() == Expect.TOO_LARGE) {
            assertThat(response.statusCode()).as("must be refused as too large: %s answered %s", c, shown)
                    .isEqualTo(413);
        } else if (c.expect() == Expect.REFUSED) {
            assertThat(response.statusCode()).as("must be refused: %s answered %s", c, shown).isBetween(400, 499);
        } else {
            assertThat(response.statusCode()).as("%s answered %s", c, shown).isBetween(200, 499);
        }
        if (response.statusCode() >= 400 && c.problem()) {
            assertThat(response.headers().firstValue("Content-Type").orElse("(none)"))
                    .as("a problem body for %s: %s", c, shown).startsWith("application/problem+json");
            JsonNode problem = Api.JSON.readTree(body);
            assertThat(problem.path("status").asInt()).as("%s", shown).isEqualTo(response.statusCode());
        }
    }

    private HttpResponse<String> send(Case c) {
        URI uri = api.url(c.service(), c.path());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        boolean acceptGiven = c.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Accept"));
        if (!acceptGiven) {
            request.header("Accept", "application/json, application/problem+json");
        }
        if (c.contentType() != null && c.body() != null) {
            request.header("Content-Type", c.contentType());
        }
        boolean credentialsGiven = c.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Authorization"));
        if (!credentialsGiven) {
            request.header("Authorization", AccessTokens.bearer(RunningSystem.stack().accessTokens().operator()));
        }
        for (Map.Entry<String, String> h : c.headers()) {
            if (h.getKey().equals("Expect")) {
                request.expectContinue(true); // the client's own header to set
            } else {
                request.header(h.getKey(), h.getValue());
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(c + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void noOrdersStored() {
        for (String customer : customersUsed) {
            if (customer.length() > 64 || customer.isBlank() || customer.chars().anyMatch(Character::isISOControl)) {
                continue; // not a customer id order-service could ever store (refused by validation)
            }
            Api.Response page = api.get(ORDER, "/api/orders?customerId=" + query(customer));
            assertThat(page.status()).as("orders of %s: %s", customer, page).isEqualTo(200);
            assertThat(page.body().path("totalElements").asLong()).as("orders of %s: %s", customer, page).isZero();
        }
        Api.Response probe = api.get(ORDER, "/api/orders?customerId=" + query(marker + "-probe"));
        assertThat(probe.body().path("totalElements").asLong()).as("%s", probe).isEqualTo(1);
    }

    // --- building requests

    private void placeRefused(List<Case> cases, String name, String body) {
        cases.add(post(ORDER, "/api/orders", body, "place order: " + name, Expect.REFUSED));
    }

    private void placeRefused(List<Case> cases, String name, byte[] body) {
        cases.add(new Case("place order: " + name, ORDER, "POST", "/api/orders", body, "application/json", List.of(),
                Expect.REFUSED, true));
    }

    private static Case post(OrderflowService service, String path, String body, String name, Expect expect) {
        return new Case(name, service, "POST", path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "application/json", List.of(), expect, true);
    }

    private static Case get(OrderflowService service, String path, String name, Expect expect) {
        return new Case(name, service, "GET", path, null, null, List.of(), expect, !tomcatRefuses(path));
    }

    /**
     * Tomcat refuses a URL past its 8 KB request-header limit, or with an encoded NUL in the path, before Spring
     * sees it, with its own 400 page: still a refusal, so only the body's type is not ours to demand.
     */
    private static boolean tomcatRefuses(String path) {
        int query = path.indexOf('?');
        return path.length() >= 8 * 1024 || (query < 0 ? path : path.substring(0, query)).contains("%00");
    }

    private static String order(String customerId, String sku, String quantity) {
        return "{\"customerId\": " + jsonString(customerId) + ", \"items\": [{\"sku\": " + jsonString(sku)
                + ", \"quantity\": " + quantity + "}]}";
    }

    private static String lines(String customerId, String sku, int count) {
        StringBuilder body = new StringBuilder("{\"customerId\": " + jsonString(customerId) + ", \"items\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"sku\": ").append(jsonString(sku)).append(", \"quantity\": 1}");
        }
        return body.append("]}").toString();
    }

    private static String product(String sku, String price, String initialStock) {
        return "{\"sku\": " + jsonString(sku) + ", \"name\": \"hostile\", \"price\": " + price
                + ", \"initialStock\": " + initialStock + "}";
    }

    private static String limit(String amount, String currency) {
        return "{\"creditLimit\": {\"amount\": " + amount + ", \"currency\": " + jsonString(currency) + "}}";
    }

    private static String jsonString(String value) {
        return value == null ? "null" : Api.JSON.getNodeFactory().stringNode(value).toString();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(String value) {
        return value.isEmpty() ? "empty" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}

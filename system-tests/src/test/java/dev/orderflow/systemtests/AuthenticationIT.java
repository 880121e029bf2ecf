package dev.orderflow.systemtests;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.orderflow.localstack.launcher.OrderflowService.AUTH;
import static dev.orderflow.localstack.launcher.OrderflowService.CONSOLE;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite's authentication section, on the running system with its real authorization server: on
 * every endpoint that needs a token, every kind of bad token answers {@code 401} (no token, expired, not yet valid,
 * another issuer, another audience, a tampered payload, {@code alg: none}, another key under the signing key's id,
 * a token of another issuer's key); a customer's real token answers {@code 403} on every administrator's endpoint and
 * {@code 404}, {@code 403} or an empty list on another customer's things; nothing is stored, every service stays
 * ready.
 *
 * <p>The claim checks are tested with tokens signed by the authorization server's own current key (read from its
 * database), so that each refusal can only come from the claim under test; a control case shows such a token with
 * correct claims is accepted.
 */
class AuthenticationIT extends EndToEndTest {

    private static final String OWNER = "c-1001";
    private static final String INTRUDER = "c-1002";

    private final Stack stack = RunningSystem.stack();

    /** An endpoint that needs a token, and a request to it that a token allowing it would make succeed. */
    private record Endpoint(String name, OrderflowService service, String method, String path, String body) {

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    @TestFactory
    Stream<DynamicTest> refusesEveryBadTokenAndEveryCallerOutsideItsRights() {
        String sku = catalog.newProduct("1.00", 100);
        String orderId = api.placeAcceptedOrder(OWNER, new Api.Line(sku, 1));
        String marker = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode productBefore = api.product(sku);
        JsonNode accountBefore = api.get(PAYMENT, "/api/accounts/" + OWNER).body();
        String deadLetters = "/actuator/deadletters/orders.commands.DLT";

        List<Endpoint> protectedEndpoints = List.of(
                new Endpoint("place an order", ORDER, "POST", "/api/orders", orderFor(marker, sku)),
                new Endpoint("read an order", ORDER, "GET", "/api/orders/" + orderId, null),
                new Endpoint("read an order's events", ORDER, "GET", "/api/orders/" + orderId + "/events", null),
                new Endpoint("list orders", ORDER, "GET", "/api/orders?customerId=" + OWNER, null),
                new Endpoint("cancel an order", ORDER, "POST", "/api/orders/" + orderId + "/cancel", null),
                new Endpoint("rebuild the projection", ORDER, "POST", "/api/admin/projections/orders/rebuild", null),
                new Endpoint("list running sagas", ORDER, "GET", "/api/admin/sagas", null),
                new Endpoint("resume a saga", ORDER, "POST", "/api/admin/sagas/" + orderId + "/resume", null),
                new Endpoint("compensate a saga", ORDER, "POST", "/api/admin/sagas/" + orderId + "/compensate", null),
                new Endpoint("create a product", INVENTORY, "POST", "/api/products", product(marker)),
                new Endpoint("restock", INVENTORY, "POST", "/api/products/" + sku + "/restock", "{\"quantity\": 5}"),
                new Endpoint("reprice", INVENTORY, "PUT", "/api/products/" + sku,
                        "{\"name\": \"free\", \"price\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}}"),
                new Endpoint("read the stock ledger", INVENTORY, "GET", "/api/products/" + sku + "/movements", null),
                new Endpoint("read payments", PAYMENT, "GET", "/api/payments?orderId=" + orderId, null),
                new Endpoint("read an account", PAYMENT, "GET", "/api/accounts/" + OWNER, null),
                new Endpoint("set a credit limit", PAYMENT, "PUT", "/api/accounts/" + OWNER,
                        "{\"creditLimit\": {\"amount\": \"1000000.00\", \"currency\": \"EUR\"}}"),
                new Endpoint("read notifications", NOTIFICATION, "GET", "/api/notifications?orderId=" + orderId, null),
                new Endpoint("list orders in flight", CONSOLE, "GET", "/api/console/orders", null),
                new Endpoint("read an order's saga", CONSOLE, "GET", "/api/console/orders/" + orderId, null),
                new Endpoint("read the summary", CONSOLE, "GET", "/api/console/summary", null),
                new Endpoint("read the consumer lag", CONSOLE, "GET", "/api/console/lag", null),
                new Endpoint("read the outbox backlog", CONSOLE, "GET", "/api/console/backlog", null),
                new Endpoint("list dead letters", CONSOLE, "GET", "/api/console/dead-letters", null),
                new Endpoint("replay dead letters from the console", CONSOLE, "POST",
                        "/api/console/dead-letters/orders.events.dlt/replay", "{\"dryRun\": false}"),
                new Endpoint("resume a saga from the console", CONSOLE, "POST",
                        "/api/console/orders/" + orderId + "/resume", null),
                new Endpoint("compensate a saga from the console", CONSOLE, "POST",
                        "/api/console/orders/" + orderId + "/compensate", null));
        List<Endpoint> everywhere = new ArrayList<>(protectedEndpoints);
        for (OrderflowService service : List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION, CONSOLE)) {
            everywhere.add(new Endpoint("metrics", service, "GET", "/actuator/prometheus", null));
            everywhere.add(new Endpoint("replay dead letters", service, "POST", deadLetters, "{}"));
        }
        List<Endpoint> outboxGauges = Stream.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION).map(service -> new Endpoint(
                "read the outbox gauge", service, "GET", "/actuator/metrics/orderflow.messaging.outbox.pending", null))
                .toList();
        everywhere.addAll(outboxGauges);

        Map<String, String> badTokens = badTokens();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("control: a token minted with the server's key and right claims is accepted",
                () -> {
                    Api.Response response = call(new Endpoint("read an order", ORDER, "GET", "/api/orders/" + orderId,
                            null), AccessTokens.bearer(minted(claims -> claims)));
                    assertThat(response.status()).as("%s %s", response, response.header("WWW-Authenticate"))
                            .isEqualTo(200);
                }));
        for (Endpoint endpoint : everywhere) {
            tests.add(DynamicTest.dynamicTest(endpoint.name() + " without a token: 401",
                    () -> assertRefused(call(endpoint, ""), 401, endpoint)));
            badTokens.forEach((kind, token) -> tests.add(DynamicTest.dynamicTest(
                    endpoint.name() + " with a token " + kind + ": 401",
                    () -> assertRefused(call(endpoint, AccessTokens.bearer(token)), 401, endpoint))));
        }
        String intruder = AccessTokens.bearer(stack.accessTokens().user(INTRUDER, stack.secrets().demoPassword()));
        List<Endpoint> administrators = new ArrayList<>(everywhere.stream().filter(endpoint ->
                endpoint.path().startsWith("/actuator") || endpoint.path().startsWith("/api/admin")
                        || endpoint.service() == INVENTORY || endpoint.service() == CONSOLE
                        || endpoint.method().equals("PUT")).toList());
        for (Endpoint endpoint : administrators) {
            tests.add(DynamicTest.dynamicTest("a customer on " + endpoint.name() + " (" + endpoint + "): 403",
                    () -> assertRefused(call(endpoint, intruder), 403, endpoint)));
        }
        // The console's monitoring client reads the services' outbox gauges and nothing else, not even the console's.
        String monitor = AccessTokens.bearer(stack.accessTokens().client("orderflow-monitor",
                stack.secrets().monitorSecret(), "orderflow.metrics"));
        for (Endpoint endpoint : everywhere) {
            if (outboxGauges.contains(endpoint)) {
                tests.add(DynamicTest.dynamicTest("the monitoring client on " + endpoint + ": 200", () -> {
                    Api.Response response = call(endpoint, monitor);
                    assertThat(response.status()).as("%s", response).isEqualTo(200);
                    assertThat(response.body().path("name").asString()).isEqualTo("orderflow.messaging.outbox.pending");
                }));
            } else {
                tests.add(DynamicTest.dynamicTest("the monitoring client on " + endpoint.name() + " (" + endpoint
                        + "): 403", () -> assertRefused(call(endpoint, monitor), 403, endpoint)));
            }
        }
        Map<Endpoint, Integer> othersThings = new LinkedHashMap<>();
        othersThings.put(new Endpoint("read another customer's order", ORDER, "GET", "/api/orders/" + orderId,
                null), 404);
        othersThings.put(new Endpoint("read another customer's order as it was", ORDER, "GET", "/api/orders/"
                + orderId + "?asOf=" + Instant.now(), null), 404);
        othersThings.put(new Endpoint("read another customer's order's events", ORDER, "GET", "/api/orders/"
                + orderId + "/events", null), 404);
        othersThings.put(new Endpoint("cancel another customer's order", ORDER, "POST", "/api/orders/" + orderId
                + "/cancel", null), 404);
        othersThings.put(new Endpoint("place an order for another customer", ORDER, "POST", "/api/orders",
                orderFor(OWNER, sku)), 403);
        othersThings.put(new Endpoint("list another customer's orders", ORDER, "GET", "/api/orders?customerId="
                + OWNER, null), 403);
        othersThings.put(new Endpoint("read another customer's account", PAYMENT, "GET", "/api/accounts/" + OWNER,
                null), 404);
        othersThings.put(new Endpoint("read another customer's notifications", NOTIFICATION, "GET",
                "/api/notifications?customerId=" + OWNER, null), 403);
        othersThings.forEach((endpoint, status) -> tests.add(DynamicTest.dynamicTest(
                "a customer: " + endpoint.name() + ": " + status,
                () -> assertRefused(call(endpoint, intruder), status, endpoint))));
        for (Endpoint endpoint : List.of(
                new Endpoint("another customer's payments", PAYMENT, "GET", "/api/payments?orderId=" + orderId, null),
                new Endpoint("another customer's order's notifications", NOTIFICATION, "GET",
                        "/api/notifications?orderId=" + orderId, null))) {
            tests.add(DynamicTest.dynamicTest("a customer: " + endpoint.name() + ": none, as for an unknown order",
                    () -> {
                        Api.Response response = call(endpoint, intruder);
                        assertThat(response.status()).as("%s", response).isEqualTo(200);
                        assertThat(response.body().isEmpty()).as("%s", response).isTrue();
                    }));
        }

        Stream<DynamicTest> after = Stream.of(
                DynamicTest.dynamicTest("at least 250 cases", () -> assertThat(tests).hasSizeGreaterThanOrEqualTo(250)),
                DynamicTest.dynamicTest("afterwards: no order of the marker customer, the owner's order neither "
                                + "cancelled nor compensated", () -> {
                            assertThat(api.get(ORDER, "/api/orders?customerId=" + marker).body()
                                    .path("totalElements").asLong()).isZero();
                            assertThat(api.order(orderId).path("status").asString()).isIn("PENDING", "CONFIRMED");
                        }),
                DynamicTest.dynamicTest("afterwards: the product, the catalog and the owner's account unchanged",
                        () -> {
                            JsonNode product = api.product(sku);
                            assertThat(product.path("name")).isEqualTo(productBefore.path("name"));
                            assertThat(product.path("price")).isEqualTo(productBefore.path("price"));
                            assertThat(units(product)).as("no restock went through").isEqualTo(units(productBefore));
                            assertThat(api.get(INVENTORY, "/api/products/" + marker).status()).isEqualTo(404);
                            assertThat(api.get(PAYMENT, "/api/accounts/" + OWNER).body().path("creditLimit"))
                                    .isEqualTo(accountBefore.path("creditLimit"));
                        }),
                DynamicTest.dynamicTest("afterwards: every service is ready", () -> {
                    for (OrderflowService service : List.of(AUTH, ORDER, INVENTORY, PAYMENT, NOTIFICATION, CONSOLE)) {
                        Api.Response ready = api.get(service, "/actuator/health/readiness");
                        assertThat(ready.status()).as("%s: %s", service, ready).isEqualTo(200);
                    }
                }));
        return Stream.concat(tests.stream(), after);
    }

    /** Tokens a service must refuse, by what is wrong with them. */
    private Map<String, String> badTokens() {
        Instant now = Instant.now();
        String real = stack.accessTokens().operator();
        String[] parts = real.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims("ops")
                .claim("roles", List.of("admin")).build().toString().getBytes(StandardCharsets.UTF_8));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("that has expired", minted(claims -> claims.issueTime(Date.from(now.minusSeconds(900)))
                .notBeforeTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(300)))));
        tokens.put("not valid yet", minted(claims -> claims.notBeforeTime(Date.from(now.plusSeconds(600)))));
        tokens.put("of another issuer", minted(claims -> claims.issuer("http://127.0.0.1:1")));
        tokens.put("for another audience", minted(claims -> claims.audience("someone-else")));
        tokens.put("without an audience", minted(claims -> claims.audience((String) null)));
        tokens.put("whose payload was changed", parts[0] + "." + forgedPayload + "." + parts[2]);
        tokens.put("with alg none", new PlainJWT(claims("orderflow-operator").claim("scope",
                List.of("orderflow.admin")).build()).serialize());
        tokens.put("signed by another key under the signing key's id", StandInIssuer.sign(
                StandInIssuer.newKey(signingKey().getKeyID()), claims("orderflow-operator")
                        .claim("scope", List.of("orderflow.admin")).build()));
        tokens.put("of another authorization server", StandInIssuer.shared().operator());
        tokens.put("that is no JWT", "not-a-token");
        return tokens;
    }

    /** An operator's token with these claims, signed by the authorization server's current key. */
    private String minted(UnaryOperator<JWTClaimsSet.Builder> change) {
        return StandInIssuer.sign(signingKey(), change.apply(claims("orderflow-operator")
                .claim("scope", List.of("orderflow.admin"))).build());
    }

    private JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(stack.service(AUTH).baseUrl().toString()).subject(subject)
                .audience("orderflow").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    /** The key the authorization server signs with now, as it keeps it in its database. */
    private RSAKey signingKey() {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("auth"), "auth", "auth");
             Statement statement = connection.createStatement();
             ResultSet key = statement.executeQuery(
                     "select jwk from signing_key where retired_at is null order by created_at desc limit 1")) {
            assertThat(key.next()).as("the authorization server has a signing key").isTrue();
            return RSAKey.parse(key.getString("jwk"));
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException("could not read the authorization server's signing key", e);
        }
    }

    private Api.Response call(Endpoint endpoint, String authorization) {
        return api.send(endpoint.service(), endpoint.method(), endpoint.path(), endpoint.body(),
                Map.of("Authorization", authorization));
    }

    private static void assertRefused(Api.Response response, int status, Endpoint endpoint) {
        assertThat(response.status()).as("%s: %s", endpoint, response).isEqualTo(status);
        assertThat(response.header("Content-Type").orElse("(none)")).as("%s: %s", endpoint, response)
                .startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).as("%s", response).isEqualTo(status);
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate").orElse("(none)")).startsWith("Bearer");
        }
    }

    private static int units(JsonNode product) {
        return product.path("available").asInt() + product.path("reserved").asInt() + product.path("sold").asInt();
    }

    private static String orderFor(String customer, String sku) {
        return "{\"customerId\": \"" + customer + "\", \"items\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}";
    }

    private static String product(String sku) {
        return "{\"sku\": \"" + sku + "\", \"name\": \"free\", \"price\": {\"amount\": \"0.01\", \"currency\": "
                + "\"EUR\"}, \"initialStock\": 1000}";
    }
}

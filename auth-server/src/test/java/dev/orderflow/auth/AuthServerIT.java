package dev.orderflow.auth;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.orderflow.auth.keys.SigningKeys;
import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.FreePort;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionOperations;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The server on a real PostgreSQL, asked over HTTP as clients ask it; tokens checked against its JWK set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ORDERFLOW_AUTH_OPERATOR_SECRET=" + AuthServerIT.OPERATOR_SECRET,
        "ORDERFLOW_AUTH_MONITOR_SECRET=" + AuthServerIT.MONITOR_SECRET,
        "orderflow.auth.demo-password=" + AuthServerIT.DEMO_PASSWORD})
@ActiveProfiles("demo")
@Import(RealInfrastructure.class)
class AuthServerIT {

    static final String OPERATOR_SECRET = "operator-secret-for-tests";
    static final String MONITOR_SECRET = "monitor-secret-for-tests";
    static final String DEMO_PASSWORD = "demo-password-for-tests";

    private static final int PORT = FreePort.pick();

    @Autowired
    SigningKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionOperations transactions;

    /** Tokens name the address the test reaches the server at, so the port is chosen before the server starts. */
    @DynamicPropertySource
    static void address(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.security.oauth2.authorizationserver.issuer", () -> "http://localhost:" + PORT);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    /** Fresh for each test, so every test asks the server for its tokens. */
    private AccessTokens tokens() {
        return new AccessTokens(URI.create(base()), OPERATOR_SECRET);
    }

    @Test
    void issuesAnOperatorTokenForTheServicesAudienceThatItsJwkSetVerifies() throws Exception {
        Jwt token = decode(tokens().operator());

        assertThat(token.getAudience()).containsExactly("orderflow");
        assertThat(token.getClaimAsStringList("scope")).containsExactly("orderflow.admin");
        assertThat(token.getSubject()).isEqualTo("orderflow-operator");
        assertThat(token.getIssuer()).hasToString(base());
        assertThat(token.getHeaders()).containsEntry("kid", keys.signingKey().getKeyID());
        assertThat(token.getExpiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(16)));
    }

    /** The console's monitoring client gets the metrics scope, and no other (not the administrators'). */
    @Test
    void issuesTheMonitoringClientTheMetricsScopeOnly() throws Exception {
        HttpResponse<String> metrics = post("/oauth2/token", Map.of("grant_type", "client_credentials",
                "scope", "orderflow.metrics"), "orderflow-monitor", MONITOR_SECRET);
        HttpResponse<String> admin = post("/oauth2/token", Map.of("grant_type", "client_credentials",
                "scope", "orderflow.admin"), "orderflow-monitor", MONITOR_SECRET);

        assertThat(metrics.statusCode()).isEqualTo(200);
        Jwt token = decode(JsonPath.read(metrics.body(), "$.access_token"));
        assertThat(token.getClaimAsStringList("scope")).containsExactly("orderflow.metrics");
        assertThat(token.getAudience()).containsExactly("orderflow");
        assertThat(token.getSubject()).isEqualTo("orderflow-monitor");
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.body()).contains("invalid_scope");
    }

    @Test
    void refusesAWrongClientSecret() throws Exception {
        HttpResponse<String> response = post("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "orderflow-operator", "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void logsACustomerInWithTheAuthorizationCodeAndPkce() throws Exception {
        Jwt token = decode(tokens().user("c-1001", DEMO_PASSWORD));

        assertThat(token.getSubject()).isEqualTo("c-1001");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(token.getAudience()).containsExactly("orderflow");
    }

    @Test
    void refusesAWrongPasswordAtTheLoginPage() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> tokens().user("c-1002", "not-the-password"))
                .withMessage("the authorization server refused the log-in of c-1002");
    }

    @Test
    void keepsHealthOpenAndTheRestOfTheActuatorClosed() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isIn(302, 401);
    }

    @Test
    void aTokenSignedByTheReplacedKeyStaysValidUntilThatKeyLeavesTheJwkSet() throws Exception {
        String before = tokens().operator();
        String replacedKey = decode(before).getHeaders().get("kid").toString();

        String newKey = keys.rotate();

        assertThat(publishedKeyIds()).contains(newKey, replacedKey);
        assertThat(decode(before).getSubject()).isEqualTo("orderflow-operator");
        assertThat(decode(tokens().operator()).getHeaders()).containsEntry("kid", newKey);
        // An hour (retired-key-published) later the replaced key is gone, and with it its tokens' validity.
        SigningKeys anHourLater = keysAt(Instant.now().plus(Duration.ofMinutes(61)), Duration.ofDays(30));
        List<JWK> published = anHourLater.published();
        assertThat(published).extracting(JWK::getKeyID).contains(newKey).doesNotContain(replacedKey);
        NimbusJwtDecoder withoutTheReplacedKey = NimbusJwtDecoder
                .withJwkSource((selector, context) -> selector.select(new JWKSet(published))).build();
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> withoutTheReplacedKey.decode(before));
    }

    @Test
    void anOperatorRotatesTheSigningKeyAtOnceAndTokensOfTheReplacedKeyStayValid() throws Exception {
        String before = tokens().operator();
        String replacedKey = decode(before).getHeaders().get("kid").toString();

        HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/admin/signing-keys/rotate")).header("Authorization", "Bearer " + before)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKey = JsonPath.read(rotated.body(), "$.signingKey");
        assertThat(newKey).isNotEqualTo(replacedKey).isEqualTo(keys.signingKey().getKeyID());
        List<String> published = JsonPath.read(rotated.body(), "$.published");
        assertThat(published).contains(newKey, replacedKey);
        assertThat(publishedKeyIds()).contains(newKey, replacedKey);
        assertThat(decode(before).getSubject()).as("the replaced key's token").isEqualTo("orderflow-operator");
        assertThat(decode(tokens().operator()).getHeaders()).containsEntry("kid", newKey);
    }

    @Test
    void letsNoOneButAnAdministratorRotateTheSigningKey() throws Exception {
        String current = keys.signingKey().getKeyID();
        URI rotate = URI.create(base() + "/admin/signing-keys/rotate");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(rotate)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> customer = http.send(HttpRequest.newBuilder(rotate)
                .header("Authorization", "Bearer " + tokens().user("c-1003", DEMO_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(rotate)
                .header("Authorization", "Bearer " + StandInIssuer.shared().operator())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).as("another issuer's key").isEqualTo(401);
        assertThat(keys.signingKey().getKeyID()).isEqualTo(current);
    }

    @Test
    void letsAnAdministratorWhoLoggedInRotateTheSigningKey() throws Exception {
        String current = keys.signingKey().getKeyID();

        HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/admin/signing-keys/rotate")).header("Authorization", "Bearer " + tokens().user("ops",
                        DEMO_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(keys.signingKey().getKeyID()).isNotEqualTo(current);
    }

    @Test
    void instancesStartingTogetherWithAnOverdueKeyMakeOneNewKey() throws Exception {
        String current = keys.signingKey().getKeyID();
        // Thirty-one days on, the signing key is past its thirty-day lifetime for every instance.
        Instant later = Instant.now().plus(Duration.ofDays(31));
        List<Callable<Boolean>> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(() -> keysAt(later, Duration.ofDays(30)).rotateIfDue());
        }
        List<Boolean> rotated = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(instances.size())) {
            for (Future<Boolean> result : pool.invokeAll(instances)) {
                rotated.add(result.get());
            }
        }

        assertThat(rotated).containsOnlyOnce(true);
        String replacement = keys.signingKey().getKeyID();
        assertThat(replacement).isNotEqualTo(current);
        assertThat(keysAt(later, Duration.ofDays(30)).rotateIfDue()).as("fresh: kept, as after a restart").isFalse();
        assertThat(keys.signingKey().getKeyID()).isEqualTo(replacement);
    }

    @Test
    void refusesToStartWhenAClientsTokensOutliveAReplacedKeysTimeInTheJwkSet() {
        SpringApplicationBuilder misconfigured = new SpringApplicationBuilder(AuthServerApplication.class);
        String[] arguments = {"--server.port=0", "--ORDERFLOW_AUTH_OPERATOR_SECRET=x", "--ORDERFLOW_AUTH_MONITOR_SECRET=y",
                "--spring.datasource.url=" + RealInfrastructure.jdbcUrl(),
                "--spring.datasource.username=" + RealInfrastructure.username(),
                "--spring.datasource.password=" + RealInfrastructure.password(),
                "--spring.security.oauth2.authorizationserver.client.operator.token.access-token-time-to-live=2h"};

        assertThatExceptionOfType(Exception.class).isThrownBy(() -> misconfigured.run(arguments).close())
                .withStackTraceContaining("client operator's access tokens live PT2H, longer than a replaced signing "
                        + "key stays published (orderflow.auth.retired-key-published = PT1H)");
    }

    private SigningKeys keysAt(Instant now, Duration lifetime) {
        return new SigningKeys(jdbc, transactions, Clock.fixed(now, ZoneOffset.UTC), lifetime, Duration.ofHours(1));
    }

    private List<String> publishedKeyIds() throws IOException, InterruptedException, ParseException {
        HttpResponse<String> response = get("/oauth2/jwks");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JWK> published = JWKSet.parse(response.body()).getKeys();
        assertThat(published).allSatisfy(key -> assertThat(key.isPrivate()).as("private part published").isFalse());
        return published.stream().map(JWK::getKeyID).toList();
    }

    private Jwt decode(String token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(base()));
        return decoder.decode(token);
    }

    private HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl))
                .GET());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String user, String secret)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                        .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + PORT;
    }
}

package dev.orderflow.web.security;

import com.jayway.jsonpath.JsonPath;
import dev.orderflow.localstack.StandInIssuer;
import dev.orderflow.web.ProblemDetailsAdvice;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared part of every service's filter chain on a real Tomcat, with Spring Boot's JWT decoder set up from
 * properties as a service sets it up, against an issuer whose JWK set is served over HTTP.
 */
@SpringBootTest(classes = ResourceServerTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResourceServerTest {

    private static final StandInIssuer ISSUER = StandInIssuer.shared();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void trust(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "orderflow");
    }

    @Test
    void tellsTheCallerFromItsToken() throws Exception {
        HttpResponse<String> customer = get("/whoami", ISSUER.customer("c-42"));
        HttpResponse<String> operator = get("/whoami", ISSUER.operator());

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        assertThat(customer.body()).isEqualTo("c-42 admin=false mayActFor(c-42)=true mayActFor(c-43)=false");
        assertThat(operator.body()).isEqualTo(
                "orderflow-operator admin=true mayActFor(c-42)=true mayActFor(c-43)=true");
    }

    @Test
    void refusesARequestWithoutATokenWithAProblemAndTheBearerChallenge() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/whoami")).GET());

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void refusesACustomerOnAnAdministratorsEndpointWith403() throws Exception {
        HttpResponse<String> customer = get("/admin", ISSUER.customer("c-42"));
        HttpResponse<String> operator = get("/admin", ISSUER.operator());
        HttpResponse<String> admin = get("/admin", ISSUER.token("ops", claims -> claims.claim("roles",
                List.of("admin"))));

        assertProblem(customer, 403);
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    /** The console's monitoring client reads messaging's meters, one by one, and nothing else of a service. */
    @Test
    void letsAMonitorReadMessagingsMetersAndNothingElse() throws Exception {
        String monitor = ISSUER.monitor();

        assertThat(get("/actuator/metrics/orderflow.messaging.outbox.pending", monitor).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics/orderflow.messaging.outbox.pending", ISSUER.operator()).statusCode())
                .isEqualTo(200);
        assertProblem(get("/actuator/metrics/orderflow.messaging.outbox.pending", ISSUER.customer("c-42")), 403);
        assertProblem(get("/actuator/metrics/jvm.memory.used", monitor), 403);
        assertProblem(get("/actuator/metrics", monitor), 403);
        assertProblem(get("/actuator/prometheus", monitor), 403);
        assertProblem(get("/admin", monitor), 403);
        assertProblem(send(HttpRequest.newBuilder(url("/actuator/metrics/orderflow.messaging.outbox.pending"))
                .header("Authorization", "Bearer " + monitor).POST(HttpRequest.BodyPublishers.noBody())), 403);
    }

    @Test
    void refusesAnAdministratorsPostWithoutATokenBeforeReadingIt() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/admin"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 401);
        assertThat(App.posted).as("nothing reached the handler").isZero();
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        String valid = ISSUER.customer("c-42");
        String[] parts = valid.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ISSUER.claims("c-1").claim("roles", List.of("admin")).build().toString()
                        .getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("expired", ISSUER.token("c-42", claims -> claims
                        .expirationTime(Date.from(now.minusSeconds(120))))),
                Arguments.of("not yet valid", ISSUER.token("c-42", claims -> claims
                        .notBeforeTime(Date.from(now.plusSeconds(300))))),
                Arguments.of("another issuer", ISSUER.token("c-42", claims -> claims.issuer("http://elsewhere"))),
                Arguments.of("another audience", ISSUER.token("c-42", claims -> claims.audience("someone-else"))),
                Arguments.of("no audience", ISSUER.token("c-42", claims -> claims.audience((String) null))),
                Arguments.of("tampered payload", parts[0] + "." + otherPayload + "." + parts[2]),
                Arguments.of("alg none", new PlainJWT(ISSUER.claims("c-42").build()).serialize()),
                Arguments.of("another key, same key id", StandInIssuer.sign(StandInIssuer.newKey(ISSUER.keyId()),
                        ISSUER.claims("c-42").build())),
                Arguments.of("not a JWT", "not-a-token"),
                Arguments.of("signature cut off", parts[0] + "." + parts[1] + "."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesATokenThatIsNotValid(String what, String token) throws Exception {
        HttpResponse<String> response = get("/whoami", token);

        assertProblem(response, 401);
        assertThat(response.body()).doesNotContain("c-42");
    }

    @Test
    void answersAUrlTheFirewallRefusesWithA400Problem() throws Exception {
        HttpResponse<String> response = get("/things/%0D%0A;x", ISSUER.operator());

        assertProblem(response, 400);
    }

    @Test
    void answersWithAnApisSecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/whoami", ISSUER.customer("c-42"));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("no-store"));
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    /** No CORS configuration: a page of another origin may not call the API from a browser, not even to ask. */
    @Test
    void allowsNoOtherOriginToCallFromABrowser() throws Exception {
        String origin = "https://elsewhere.example";
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(url("/whoami"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"));
        HttpResponse<String> call = send(HttpRequest.newBuilder(url("/whoami")).GET().header("Origin", origin)
                .header("Authorization", "Bearer " + ISSUER.customer("c-42")));

        assertThat(preflight.statusCode()).as(preflight.body()).isIn(401, 403);
        for (HttpResponse<String> response : List.of(preflight, call)) {
            assertThat(response.headers().map().keySet()).as("headers answering origin %s", origin)
                    .noneMatch(header -> header.toLowerCase(Locale.ROOT).startsWith("access-control-allow"));
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(status);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Accept", "application/json, application/problem+json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({App.Endpoints.class, App.Problems.class})
    static class App {

        static volatile int posted;

        @Bean
        SecurityFilterChain api(HttpSecurity http, ResourceServer resourceServer) {
            return resourceServer.apply(http)
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/admin").hasAnyAuthority(ResourceServer.ADMIN)
                            .anyRequest().authenticated())
                    .build();
        }

        @RestController
        static class Endpoints {

            @GetMapping("/whoami")
            String whoami() {
                Caller caller = Caller.current();
                return "%s admin=%s mayActFor(c-42)=%s mayActFor(c-43)=%s".formatted(caller.subject(), caller.admin(),
                        caller.mayActFor("c-42"), caller.mayActFor("c-43"));
            }

            @GetMapping("/admin")
            String admin() {
                return "done";
            }

            /** Stands in for the actuator's paths, which the shared part guards (the test runs no actuator). */
            @GetMapping({"/actuator/metrics", "/actuator/metrics/{name}", "/actuator/prometheus"})
            String meters() {
                return "meters";
            }

            @PostMapping("/admin")
            String post() {
                posted++;
                return "done";
            }
        }

        @RestControllerAdvice
        static class Problems extends ProblemDetailsAdvice {
        }
    }
}

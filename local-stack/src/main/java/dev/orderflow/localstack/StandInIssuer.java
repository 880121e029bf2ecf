package dev.orderflow.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An authorization server as a service's own tests need one: its JWK set served over HTTP on 127.0.0.1, access
 * tokens signed with its key (and the monitoring client's at its token endpoint), shaped like the real server's ({@code aud orderflow}; {@code roles} for a user,
 * {@code scope} for a client). The service checks them exactly as it checks real ones: Spring Boot's decoder
 * fetches the JWK set and checks signature, issuer, audience and times. One per test JVM, started on first use.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @Import({RealInfrastructure.class, StandInIssuer.Trusted.class})
 * class OrdersApiIT { ... StandInIssuer.shared().customer("c-1001") ... }
 * }</pre>
 *
 * <p>The system tests use the real authorization server; they use this class only to forge tokens it never signs.
 */
public final class StandInIssuer {

    /** The console's monitoring client, which gets {@link #monitor()} tokens at the token endpoint. */
    public static final String MONITOR_CLIENT = "orderflow-monitor";
    /** Its secret at this issuer. */
    public static final String MONITOR_SECRET = "stand-in-monitor-secret";

    private static StandInIssuer shared;

    private final RSAKey key = newKey(UUID.randomUUID().toString());
    private final HttpServer server;

    private StandInIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a port for the stand-in issuer's JWK set", e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        // Client credentials for the monitoring client (HTTP Basic, as Spring Security's client sends them).
        String monitorCredentials = "Basic " + Base64.getEncoder().encodeToString((MONITOR_CLIENT + ":"
                + MONITOR_SECRET).getBytes(StandardCharsets.UTF_8));
        server.createContext("/oauth2/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean granted = "POST".equals(exchange.getRequestMethod()) && form.contains("grant_type=client_credentials")
                    && monitorCredentials.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (granted ? """
                    {"access_token":"%s","token_type":"Bearer","expires_in":3600,"scope":"orderflow.metrics"}"""
                    .formatted(monitor()) : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(granted ? 200 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stand-in-issuer-stop"));
    }

    /** The issuer of this JVM, started on first use. */
    public static synchronized StandInIssuer shared() {
        if (shared == null) {
            shared = new StandInIssuer();
        }
        return shared;
    }

    /** What a service trusts: the issuer's address and its JWK set, as Spring Boot's decoder settings. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Trusted {

        @Bean
        DynamicPropertyRegistrar trustTheStandInIssuer() {
            StandInIssuer issuer = shared();
            return registry -> {
                registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
                registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
            };
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    /** The claims of a token of this issuer for {@code subject}, valid from now for an hour (past any test run). */
    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience("orderflow")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).jwtID(UUID.randomUUID().toString());
    }

    /** A token of the customer {@code customerId}, as after its log-in. */
    public String customer(String customerId) {
        return sign(key, claims(customerId).claim("roles", List.of("customer")).build());
    }

    /** A token of the operator client (scope {@code orderflow.admin}). */
    public String operator() {
        return sign(key, claims("orderflow-operator").claim("scope", List.of("orderflow.admin")).build());
    }

    /** A token of the console's monitoring client (scope {@code orderflow.metrics}). */
    public String monitor() {
        return sign(key, claims(MONITOR_CLIENT).claim("scope", List.of("orderflow.metrics")).build());
    }

    /** A token of this issuer for {@code subject}, its claims changed by {@code change} (expired, another audience). */
    public String token(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(subject)).build());
    }

    /** The id of the key this issuer signs with, for a forger who reuses it. */
    public String keyId() {
        return key.getKeyID();
    }

    /** {@code claims} signed (RS256) with {@code key}: this issuer's, or a forger's. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** A new 2048-bit RSA key with the id {@code keyId}. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make an RSA key", e);
        }
    }
}

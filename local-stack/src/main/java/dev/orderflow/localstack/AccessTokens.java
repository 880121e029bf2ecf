package dev.orderflow.localstack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access tokens from orderflow's authorization server, got the way its real clients get them: the operator client
 * ({@code orderflow-operator}) by client credentials, a customer by logging in through the authorization-code flow
 * with PKCE of the command-line client ({@code orderflow-cli}), the browser's part of it (the log-in form)
 * scripted. A token is kept and handed out again until a minute before it expires. For the system tests, the load
 * benchmark and operators' tools: the services see exactly what any other client would send them.
 */
public final class AccessTokens {

    /** Where the command-line client's authorization codes are sent (never reached: the code is read off it). */
    public static final String CLI_REDIRECT = "http://127.0.0.1/callback";

    private static final String CLI_CLIENT = "orderflow-cli";
    private static final String OPERATOR_CLIENT = "orderflow-operator";
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;
    private final String operatorSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> kept = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAt) {
    }

    /**
     * @param issuer         the authorization server's address, e.g. {@code http://127.0.0.1:9000}
     * @param operatorSecret the secret of the operator client
     */
    public AccessTokens(URI issuer, String operatorSecret) {
        this(issuer, operatorSecret, Clock.systemUTC());
    }

    AccessTokens(URI issuer, String operatorSecret, Clock clock) {
        this.issuer = issuer;
        this.operatorSecret = operatorSecret;
        this.clock = clock;
    }

    /** A token of the operator client, scope {@code orderflow.admin}. */
    public String operator() {
        return kept("operator", () -> exchange(Map.of("grant_type", "client_credentials", "scope", "orderflow.admin"),
                OPERATOR_CLIENT, operatorSecret));
    }

    /** A token of another machine client (client credentials), e.g. the console's {@code orderflow-monitor}. */
    public String client(String clientId, String secret, String scope) {
        return kept("client:" + clientId + ":" + scope, () -> exchange(Map.of("grant_type", "client_credentials",
                "scope", scope), clientId, secret));
    }

    /** A token of the user {@code username}, who logs in with {@code password}. */
    public String user(String username, String password) {
        return kept("user:" + username, () -> logIn(username, password));
    }

    /** {@code Bearer <token>}: the value of an {@code Authorization} header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private String kept(String key, Supplier<JsonNode> fetch) {
        Token token = kept.get(key);
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            Instant asked = clock.instant();
            JsonNode answer = fetch.get();
            Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(0));
            token = new Token(answer.path("access_token").asString(), asked.plus(lifetime).minus(RENEW_BEFORE_EXPIRY));
            kept.put(key, token);
        }
        return token.value();
    }

    private JsonNode logIn(String username, String password) {
        // A browser of its own: the log-in keeps a session cookie between the authorization request and the form.
        HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).build();
        String verifier = random(32);
        String state = random(8);
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", CLI_CLIENT,
                "scope", "openid", "redirect_uri", CLI_REDIRECT, "state", state, "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));
        HttpResponse<String> toLogIn = send(browser, HttpRequest.newBuilder(issuer.resolve(authorize))
                .header("Accept", "text/html").GET());
        expect(toLogIn, 302, "the authorization request");
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(issuer.resolve("/login")).GET());
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the log-in page of " + issuer + ": " + page.body());
        }
        HttpResponse<String> loggedIn = send(browser, formPost("/login",
                Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
        expect(loggedIn, 302, "the log-in form");
        if (location(loggedIn).contains("/login?error")) {
            throw new IllegalStateException("the authorization server refused the log-in of " + username);
        }
        HttpResponse<String> authorized = send(browser, HttpRequest.newBuilder(URI.create(location(loggedIn))).GET());
        expect(authorized, 302, "the authorization request after the log-in");
        String redirect = location(authorized);
        if (!redirect.startsWith(CLI_REDIRECT + "?")) {
            throw new IllegalStateException("the authorization server sent " + username + " to " + redirect);
        }
        Map<String, String> answer = query(URI.create(redirect));
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new IllegalStateException("no code for this request in " + redirect);
        }
        return exchange(Map.of("grant_type", "authorization_code", "code", answer.get("code"),
                "redirect_uri", CLI_REDIRECT, "client_id", CLI_CLIENT, "code_verifier", verifier), null, null);
    }

    private JsonNode exchange(Map<String, String> fields, String client, String secret) {
        HttpRequest.Builder request = formPost("/oauth2/token", fields);
        if (client != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = send(http, request);
        expect(response, 200, "the token request");
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder formPost(String path, Map<String, String> fields) {
        return HttpRequest.newBuilder(issuer.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("%s answered %d, not %d: %s".formatted(what, response.statusCode(),
                    status, response.body()));
        }
    }

    private String location(HttpResponse<String> response) {
        return issuer.resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("a redirect without a Location from " + response.uri()))).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}

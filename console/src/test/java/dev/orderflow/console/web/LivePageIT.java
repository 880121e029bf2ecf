package dev.orderflow.console.web;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.localstack.StandInIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream and the page's way in: server-sent events for an administrator's token, and a browser without a
 * session sent to log in at the authorization server with PKCE.
 */
class LivePageIT extends ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void streamsTheLiveViewAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/console/live"))
                .header("Authorization", "Bearer " + StandInIssuer.shared().operator())
                .header("Accept", "text/event-stream").build();

        HttpResponse<Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            Iterator<String> events = lines.iterator();
            // The first event comes at once, the second a second later: both views of the system.
            for (int event = 0; event < 2; event++) {
                JsonNode view = nextView(events);
                assertThat(view.get("lastSeconds").get("perSecond").has("CONFIRMED")).isTrue();
                assertThat(view.get("lastMinute").get("windowSeconds").asLong()).isEqualTo(60);
                assertThat(view.get("inFlight").isArray()).isTrue();
                assertThat(view.get("finished").isArray()).isTrue();
                assertThat(view.get("backlog").get("services").valueStream().map(s -> s.get("service").asString()))
                        .containsExactly("order-service", "inventory-service", "payment-service",
                                "notification-service");
            }
        }
    }

    @Test
    void theStreamIsForAdministratorsOnly() throws Exception {
        assertThat(status("/api/console/live", null)).isEqualTo(401);
        assertThat(status("/api/console/live", StandInIssuer.shared().customer("c-1"))).isEqualTo(403);
    }

    @Test
    void aBrowserWithoutASessionIsSentToLogInWithPkce() throws Exception {
        HttpResponse<Void> page = HTTP.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(302);
        String start = page.headers().firstValue("Location").orElseThrow();
        assertThat(start).endsWith("/oauth2/authorization/orderflow");

        HttpResponse<Void> login = HTTP.send(HttpRequest.newBuilder(URI.create(start))
                        .header("Cookie", cookie(page)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).isEqualTo(302);
        String authorize = login.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(StandInIssuer.shared().issuer() + "/oauth2/authorize?")
                .contains("client_id=orderflow-console", "response_type=code", "code_challenge=",
                        "code_challenge_method=S256", "scope=openid%20profile",
                        "redirect_uri=" + "http://127.0.0.1:" + port + "/login/oauth2/code/orderflow");
    }

    @Test
    void thePageForbidsFramingAndForeignScripts() throws Exception {
        HttpResponse<String> signedOut = HTTP.send(HttpRequest.newBuilder(uri("/signed-out.html")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(signedOut.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(signedOut.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private JsonNode nextView(Iterator<String> lines) {
        CompletableFuture<JsonNode> next = CompletableFuture.supplyAsync(() -> {
            boolean view = false;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals("event:view")) {
                    view = true;
                } else if (view && line.startsWith("data:")) {
                    return json.readTree(line.substring("data:".length()));
                }
            }
            throw new AssertionError("the stream ended without a view");
        });
        return next.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private int status(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(value -> value.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

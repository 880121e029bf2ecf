package dev.orderflow.order.support;

import dev.orderflow.localstack.StandInIssuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP client for the service under test, on the random port it listens on. Its requests carry an
 * administrator's token (the operator client's) of the {@link StandInIssuer} the service trusts, unless a test asks
 * for another caller: {@link #as(String)}, {@link #anonymous()}.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Environment environment;
    private final HttpClient http;
    private final String token;

    Api(Environment environment) {
        this(environment, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                StandInIssuer.shared().operator());
    }

    private Api(Environment environment, HttpClient http, String token) {
        this.environment = environment;
        this.http = http;
        this.token = token;
    }

    /** The same API, called with {@code token} (e.g. {@code StandInIssuer.shared().customer("c-1")}). */
    public Api as(String token) {
        return new Api(environment, http, token);
    }

    /** The same API, called without a token. */
    public Api anonymous() {
        return new Api(environment, http, null);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type"),
                    response.headers().firstValue("Location"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + path);
    }

    /** Status, the headers tests look at, and the body. */
    public record Response(int status, Optional<String> contentType, Optional<String> location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        Api api(Environment environment) {
            return new Api(environment);
        }
    }
}

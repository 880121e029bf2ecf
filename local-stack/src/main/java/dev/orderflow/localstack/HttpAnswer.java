package dev.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The parts of an HTTP answer a test of unavailability looks at: status, {@code Retry-After}, content type. */
public record HttpAnswer(int status, String retryAfter, String contentType) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code GET uri}, waiting at most 30 s for the answer. */
    public static HttpAnswer get(URI uri) {
        return get(uri, null);
    }

    /** {@code GET uri} with {@code Authorization: Bearer <token>} (none if null), waiting at most 30 s. */
    public static HttpAnswer get(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<Void> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new HttpAnswer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

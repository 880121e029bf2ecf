package dev.orderflow.systemtests;

import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.launcher.Stack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The one way the system tests build a request to a service: bounded in time, JSON in, the answer types asked for. */
public final class JsonRequests {

    /** Longest a single request may take; a service that does not answer by then is a finding, not a wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private JsonRequests() {
    }

    /**
     * @param body        the request body, or null for none
     * @param contentType the body's content type (only sent with a body), or null to send none
     */
    public static HttpRequest.Builder request(URI url, String method, String body, String accept,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    /** {@code request} with the operator client's token from {@code stack}'s authorization server. */
    public static HttpRequest.Builder asOperator(HttpRequest.Builder request, Stack stack) {
        return request.header("Authorization", AccessTokens.bearer(stack.accessTokens().operator()));
    }
}

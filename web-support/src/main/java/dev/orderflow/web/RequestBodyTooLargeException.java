package dev.orderflow.web;

import java.io.IOException;

/**
 * A request body over the service's limit ({@code orderflow.web.max-request-body}): answered {@code 413} by
 * {@link ProblemDetailsAdvice} before anything of it is handled. An {@link IOException}, since it is thrown while the
 * body is read when the client did not say its length up front.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit, String what) {
        super(what + "; at most " + limit + " bytes are accepted");
        this.limit = limit;
    }

    /** The most bytes a body may have. */
    public long limit() {
        return limit;
    }
}

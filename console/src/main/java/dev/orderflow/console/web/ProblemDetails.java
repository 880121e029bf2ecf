package dev.orderflow.console.web;

import dev.orderflow.console.operations.OrderServiceUnavailableException;
import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console's problems: an unknown order (a 404 answered by the controller), order-service away when an operator
 * acts on a saga (503, try again later) and a login whose access token has run out (401, log in again); validation,
 * unreadable requests and a database that is away are the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {

    /** Seconds a client should wait before asking again, as the circuit breaker waits before trying order-service. */
    private static final String RETRY_AFTER_SECONDS = "10";

    @ExceptionHandler(OrderServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> orderServiceUnavailable(OrderServiceUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "order-service unavailable", e.getMessage()
                        + "; nothing was done, try again later."));
    }

    @ExceptionHandler(LoginExpiredException.class)
    ProblemDetail loginExpired(LoginExpiredException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Login expired", e.getMessage());
    }
}

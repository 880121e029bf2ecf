package dev.orderflow.console.web;

import dev.orderflow.console.operations.ServiceUnavailableException;
import dev.orderflow.console.operations.UnknownServiceException;
import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console's problems: an unknown order (a 404 answered by the controller), a service away when an operator acts
 * through it (503, try again later) or one the console does not know (422), and a login whose access token has run
 * out (401, log in again); validation,
 * unreadable requests and a database that is away are the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {

    /** Seconds a client should wait before asking again, as a circuit breaker waits before trying its service. */
    private static final String RETRY_AFTER_SECONDS = "10";

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> serviceUnavailable(ServiceUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", e.getMessage()
                        + "; nothing was done, try again later."));
    }

    @ExceptionHandler(UnknownServiceException.class)
    ProblemDetail unknownService(UnknownServiceException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown service", e.getMessage());
    }

    @ExceptionHandler(LoginExpiredException.class)
    ProblemDetail loginExpired(LoginExpiredException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Login expired", e.getMessage());
    }
}

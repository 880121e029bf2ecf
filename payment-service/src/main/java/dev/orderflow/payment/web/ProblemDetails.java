package dev.orderflow.payment.web;

import dev.orderflow.payment.domain.CreditInUseException;
import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Payment-service's refusals as RFC 9457 problems: an unknown credit account, a limit below the credit in use, an
 * amount the domain refuses. Everything else (validation, unreadable bodies, a database that is away) is the shape
 * every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {

    @ExceptionHandler(UnknownAccountException.class)
    ProblemDetail unknownAccount(UnknownAccountException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown credit account", e.getMessage());
    }

    @ExceptionHandler(CreditInUseException.class)
    ProblemDetail creditInUse(CreditInUseException e) {
        return problem(HttpStatus.CONFLICT, "Credit limit below credit in use", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", e.getMessage());
    }
}

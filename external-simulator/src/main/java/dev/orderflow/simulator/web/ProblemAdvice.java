package dev.orderflow.simulator.web;

import dev.orderflow.simulator.faults.PartyUnavailableException;
import dev.orderflow.simulator.psp.RefundRefusedException;
import dev.orderflow.simulator.psp.UnknownChargeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Answers the simulator's own errors as RFC 9457 problems; Spring MVC's (bad JSON, missing header) too. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(PartyUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(PartyUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Simulated party unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ProblemDetail invalidKey(InvalidIdempotencyKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid idempotency key", e);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused", e);
    }

    @ExceptionHandler(UnknownChargeException.class)
    ProblemDetail unknownCharge(UnknownChargeException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown charge", e);
    }

    @ExceptionHandler(RefundRefusedException.class)
    ProblemDetail refundRefused(RefundRefusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Refund refused", e);
    }

    private static ProblemDetail problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}

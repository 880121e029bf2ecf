package dev.orderflow.notification.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems that are not the client's fault but still deserve a clear answer instead of a bare 500. Bad input
 * (type mismatches, constraint violations, missing filters) is answered by Spring's own problem details.
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ProblemDetail storeUnavailable(RuntimeException e) {
        log.warn("Notification store unavailable: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The notification store is unavailable; try again shortly.");
        problem.setTitle("Service Unavailable");
        return problem;
    }
}

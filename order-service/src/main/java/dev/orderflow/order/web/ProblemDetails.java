package dev.orderflow.order.web;

import dev.orderflow.order.domain.ConcurrentOrderChangeException;
import dev.orderflow.order.domain.InvalidOrderException;
import dev.orderflow.order.domain.OrderNotFoundException;
import dev.orderflow.order.domain.OrderStateException;
import dev.orderflow.order.placing.IdempotencyKeyReusedException;
import dev.orderflow.order.placing.UnknownProductsException;
import dev.orderflow.order.saga.SagaEndedException;
import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.TreeSet;

/**
 * Order-service's refusals as RFC 9457 problems: an unknown order, a status that forbids the change, an operator's
 * action on a saga that has ended, a concurrent change, unknown products, an invalid order and a reused idempotency key. Everything else (validation, unreadable
 * bodies, a database that is away) is the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Order not found", e.getMessage());
    }

    @ExceptionHandler(OrderStateException.class)
    ProblemDetail wrongState(OrderStateException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Order cannot change", e.getMessage());
        problem.setProperty("orderStatus", e.status());
        return problem;
    }

    @ExceptionHandler(SagaEndedException.class)
    ProblemDetail sagaEnded(SagaEndedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Saga has ended", e.getMessage());
        problem.setProperty("sagaStep", e.step());
        return problem;
    }

    @ExceptionHandler({ConcurrentOrderChangeException.class, OptimisticLockingFailureException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change", "The order changed meanwhile; try again.");
    }

    @ExceptionHandler(UnknownProductsException.class)
    ProblemDetail unknownProducts(UnknownProductsException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product", e.getMessage());
        problem.setProperty("unknownSkus", new TreeSet<>(e.skus()));
        return problem;
    }

    @ExceptionHandler(InvalidOrderException.class)
    ProblemDetail invalidOrder(InvalidOrderException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid order", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
    }

    /** With the same {@code Idempotency-Key} a retry never places the order twice, committed or not. */
    @Override
    protected String databaseUnavailableDetail() {
        return "The order database is unavailable; retry with the same Idempotency-Key.";
    }
}

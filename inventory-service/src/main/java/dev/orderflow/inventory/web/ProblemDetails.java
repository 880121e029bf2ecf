package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.StockLimitExceeded;
import dev.orderflow.inventory.stock.DuplicateSku;
import dev.orderflow.inventory.stock.ProductNotFound;
import dev.orderflow.inventory.stock.UnsupportedCurrency;
import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * Inventory-service's refusals as RFC 9457 problems: an unknown product, a duplicate SKU, an invalid price, a stock
 * limit, a concurrent conflicting change. Everything else (validation, unreadable bodies, a database that is away)
 * is the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {

    @ExceptionHandler
    ProblemDetail productNotFound(ProductNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown product", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail duplicateSku(DuplicateSku e) {
        return problem(HttpStatus.CONFLICT, "Duplicate SKU", e.getMessage());
    }

    @ExceptionHandler({PriceJson.InvalidPrice.class, UnsupportedCurrency.class})
    ProblemDetail invalidPrice(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid price", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", "price", "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail stockLimitExceeded(StockLimitExceeded e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Stock limit exceeded", e.getMessage());
    }

    /** A concurrent request got there first (the same SKU created twice at once). */
    @ExceptionHandler
    ProblemDetail conflict(DataIntegrityViolationException e) {
        return problem(HttpStatus.CONFLICT, "Conflicting change", "the request conflicts with the stored data");
    }
}

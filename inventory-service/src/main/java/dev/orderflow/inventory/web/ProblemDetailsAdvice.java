package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.StockLimitExceeded;
import dev.orderflow.inventory.stock.DuplicateSku;
import dev.orderflow.inventory.stock.ProductNotFound;
import dev.orderflow.inventory.stock.UnsupportedCurrency;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every rejected request into an RFC 9457 problem that says what was wrong, and which field; Spring MVC's
 * own errors (404, 405, 415 ...) come out as problems through the base class.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(ex));
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

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

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** Says where the body went wrong without echoing parser internals (class names, stream sources). */
    private static String unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (!(cause instanceof JacksonException json)) {
            return "the request body is missing or not JSON";
        }
        String field = json.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (cause instanceof InputCoercionException) {
            return (field.isEmpty() ? "a number" : field) + " is out of range";
        }
        if (cause instanceof StreamReadException) {
            return "the request body is not well-formed JSON";
        }
        if (field.isEmpty()) {
            return "the request body is not a JSON object of the expected shape";
        }
        return field + " has the wrong type or format";
    }
}

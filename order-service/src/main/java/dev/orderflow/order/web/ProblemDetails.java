package dev.orderflow.order.web;

import dev.orderflow.order.domain.ConcurrentOrderChangeException;
import dev.orderflow.order.domain.InvalidOrderException;
import dev.orderflow.order.domain.OrderNotFoundException;
import dev.orderflow.order.domain.OrderStateException;
import dev.orderflow.order.placing.IdempotencyKeyReusedException;
import dev.orderflow.order.placing.UnknownProductsException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every error as an RFC 9457 problem that says what is wrong: Spring MVC's own (unreadable JSON, wrong content type,
 * bad parameters), bean validation with one entry per field, and the domain's refusals.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

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

    /**
     * The database is away (restarting, failing over, or every pooled connection busy past the pool's timeout). The
     * client may retry; with the same {@code Idempotency-Key} a retry never places the order twice, whether or not
     * this attempt's transaction got as far as its commit.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        logger.warn("Answering 503, the database is unavailable: " + e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                        "The order database is unavailable; retry with the same Idempotency-Key."));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetails::error)
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "The request has " + errors.size() + " invalid field(s): " + errors.stream()
                        .map(error -> error.get("field") + " " + error.get("message")).toList());
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // With constraints on plain parameters, Spring validates the whole method and reports the body's field
        // errors here too (as ParameterErrors) instead of as MethodArgumentNotValidException.
        List<Map<String, Object>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(ProblemDetails::error)
                        : result.getResolvableErrors().stream().map(error -> Map.<String, Object>of(
                                "field", parameterName(result.getMethodParameter()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "The request has " + errors.size() + " invalid value(s): " + errors.stream()
                        .map(error -> error.get("field") + " " + error.get("message")).toList());
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getCause() instanceof JacksonException json
                ? "Malformed JSON" + location(json) + ": " + firstLine(json.getOriginalMessage())
                : "The request body is missing or unreadable";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", detail);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The name the client knows a parameter by: the header's or query parameter's name, else the Java name. */
    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return parameter.getParameterName() == null ? "?" : parameter.getParameterName();
    }

    private static String location(JacksonException e) {
        String path = e.getPathReference();
        return path == null || path.isBlank() ? "" : " at " + path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot parse";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Map<String, Object> error(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}

package dev.orderflow.web;

import jakarta.validation.ConstraintViolationException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one shape of error every service answers with: an RFC 9457 problem whose {@code detail} says what is wrong,
 * with {@code errors: [{"field", "message"}]} for invalid fields and parameters; Spring MVC's own errors (404, 405,
 * 415 ...) through the base class. A database that is away (restarting, failing over, every pooled connection busy
 * past the pool's timeout) answers {@code 503} with {@code Retry-After}, never a 500. A body over the service's
 * limit ({@link RequestBodyLimitFilter}) answers {@code 413}.
 *
 * <p>Each service has one subclass, {@code web.ProblemDetails}, a {@code @RestControllerAdvice} that adds the
 * refusals of its own domain.
 */
public abstract class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** Seconds a client is asked to wait before retrying while the database is away. */
    public static final String RETRY_AFTER_SECONDS = "1";

    // TransactionSystemException: the connection broke under the transaction (the database restarted), so not even
    // its rollback went through.
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        logger.warn("Answering 503, the database is unavailable: " + e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", databaseUnavailableDetail()));
    }

    /**
     * An error the persistence layer could not classify: the database away all the same when the driver says the
     * connection broke (SQLSTATE class 08 connection exception, 57 operator intervention such as a shutdown, 53
     * insufficient resources) or when not even the rollback went through (Hibernate's {@code TransactionException}:
     * the transaction's connection is gone), else a 500 that says nothing of the database's internals.
     */
    @ExceptionHandler(UncategorizedDataAccessException.class)
    ResponseEntity<ProblemDetail> uncategorizedDataAccess(UncategorizedDataAccessException e) {
        if (connectionBroke(e)) {
            return databaseUnavailable(e);
        }
        logger.error("Answering 500 to an unexpected database error", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "The request failed on an unexpected database error."));
    }

    static boolean connectionBroke(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // By name: the services that use JDBC alone have no Hibernate on their class path.
            if (cause.getClass().getName().equals("org.hibernate.TransactionException")) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57")
                    || sql.getSQLState().startsWith("53"))) {
                return true;
            }
        }
        return false;
    }

    /** What a client is told while the database is away; a service may say how to retry safely. */
    protected String databaseUnavailableDetail() {
        return "The database is unavailable; try again shortly.";
    }

    /** A body over {@code orderflow.web.max-request-body}, refused by {@link RequestBodyLimitFilter} unread. */
    @ExceptionHandler(RequestBodyTooLargeException.class)
    ProblemDetail requestBodyTooLarge(RequestBodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage());
    }

    /** Method validation outside Spring MVC's own ({@code @Validated} beans called from a controller). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::error)
                .toList();
        return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // With constraints on plain parameters, Spring validates the whole method and reports the body's field
        // errors here too (as ParameterErrors) instead of as MethodArgumentNotValidException.
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(ProblemDetailsAdvice::error)
                        : result.getResolvableErrors().stream().map(error -> Map.of(
                                "field", parameterName(result.getMethodParameter()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A body sent without its length went over the limit while the converter read it.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                // The rest of the body stays unread, so the connection cannot carry another request.
                HttpHeaders closing = new HttpHeaders();
                closing.addAll(headers);
                closing.setConnection("close");
                return handleExceptionInternal(e, requestBodyTooLarge(tooLarge), closing, HttpStatus.CONTENT_TOO_LARGE,
                        request);
            }
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", unreadable(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    protected static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        List<Map<String, String>> sorted = errors.stream()
                .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field"))
                        .thenComparing(error -> error.get("message")))
                .toList();
        String detail = sorted.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", sorted);
        return problem;
    }

    private static Map<String, String> error(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
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

    /** Says where the body went wrong without echoing parser internals (class names, stream sources). */
    private static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
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

package dev.orderflow.web.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problem bodies of 401 and 403 (and of 400 for a URL the firewall refuses). They say what is missing, never
 * why a token failed (expired, forged, another issuer): that is for the client's logs ({@code WWW-Authenticate}),
 * not for whoever holds a stolen token.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityProblemsAdvice {

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException refused) {
        return problem(HttpStatus.UNAUTHORIZED,
                "this needs a valid access token of orderflow's authorization server (Authorization: Bearer ...)");
    }

    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException refused) {
        return problem(HttpStatus.BAD_REQUEST, "the request's URL has characters or sequences that are not accepted");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException refused) {
        return problem(HttpStatus.FORBIDDEN,
                "the access token does not allow this request (it is an administrator's, or only the customer's own)");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "this needs a valid access token of orderflow's authorization server (Authorization: Bearer ...)");
        problem.setTitle("Unauthorized");
        return problem;
    }

    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request's URL has characters or sequences that are not accepted");
        problem.setTitle("Bad Request");
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "the access token does not allow this request (it is an administrator's, or only the customer's own)");
        problem.setTitle("Forbidden");
        return problem;
    }
}

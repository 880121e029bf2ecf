package dev.orderflow.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;

/**
 * A refused request answered like every other error of the service: {@code WWW-Authenticate} as RFC 6750 has it
 * (Spring Security's bearer-token handlers set it and the status), then the problem body from
 * {@link SecurityProblemsAdvice}, through the service's exception resolvers. A URL that Spring Security's firewall
 * refuses (encoded line breaks, {@code %25}, {@code ;} ...) gets a 400 problem the same way.
 */
public final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final HandlerExceptionResolver errors;

    public ProblemAnswers(HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException, ServletException {
        bearer.commence(request, response, refused);
        answer(request, response, refused, HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        bearerDenied.handle(request, response, refused);
        answer(request, response, refused, HttpServletResponse.SC_FORBIDDEN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        answer(request, response, refused, HttpServletResponse.SC_BAD_REQUEST);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Exception refused, int status)
            throws IOException {
        if (errors.resolveException(request, response, null, refused) == null) {
            response.sendError(status);
        }
    }
}

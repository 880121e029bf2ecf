package dev.orderflow.web.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who calls the API, as the access token of the request says: its subject (a customer's id, or a machine client's
 * id) and whether it is an administrator ({@link ResourceServer#ADMIN}). A customer acts for itself only; an
 * administrator for anyone.
 */
public record Caller(String subject, boolean admin) {

    /** The caller of the request being handled. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        boolean admin = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ResourceServer.ADMIN_AUTHORITIES::contains);
        return new Caller(authentication.getName(), admin);
    }

    /** Whether this caller may see and act on what belongs to {@code customerId}. */
    public boolean mayActFor(String customerId) {
        return admin || subject.equals(customerId);
    }
}

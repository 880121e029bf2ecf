package dev.orderflow.web.security;

import jakarta.servlet.DispatcherType;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What every service that is an OAuth2 resource server shares, applied to its {@link HttpSecurity} before it adds
 * the rules of its own endpoints: bearer JWTs checked by Spring Boot's decoder (signature against the authorization
 * server's JWK set, issuer, audience, expiry and not-before, from {@code spring.security.oauth2.resourceserver.jwt.*}),
 * no session and no CSRF (no cookie carries credentials), 401 and 403 as problem details, security headers for an
 * API, and health, readiness and the API documents open to anyone; messaging's meters to a monitor too; the rest of
 * the actuator needs an administrator.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
 *     return resourceServer.apply(http)
 *             .authorizeHttpRequests(requests -> requests
 *                     .requestMatchers(HttpMethod.GET, "/api/products/**").permitAll()
 *                     .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
 *             .build();
 * }
 * }</pre>
 */
public final class ResourceServer {

    /** An administrator: a user with the role {@code admin}, or a machine client granted {@code orderflow.admin}. */
    public static final String[] ADMIN = {"ROLE_admin", "SCOPE_orderflow.admin"};

    /**
     * A monitor: a machine client granted {@code orderflow.metrics} (the console, for its page), which may read
     * messaging's gauges ({@link #MONITORED}) and nothing else.
     */
    public static final String MONITOR = "SCOPE_orderflow.metrics";

    /** What a monitor may read: messaging's meters (outbox backlog, relays, dead letters), one at a time. */
    public static final String MONITORED = "/actuator/metrics/orderflow.messaging.*";

    /** A customer, who logged in at the authorization server. */
    public static final String CUSTOMER = "ROLE_customer";

    /** A customer (acting for itself) or an administrator (acting for anyone): see {@link Caller#mayActFor}. */
    public static final String[] CUSTOMER_OR_ADMIN = {CUSTOMER, ADMIN[0], ADMIN[1]};

    static final Set<String> ADMIN_AUTHORITIES = Set.of(ADMIN);

    /** An API's answers are never a page: nothing may load from them, nothing may frame them. */
    private static final String API_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final ProblemAnswers problems;

    private ResourceServer(ProblemAnswers problems) {
        this.problems = problems;
    }

    /** The shared part, answering refusals through the service's exception resolvers (its problem advice). */
    public static ResourceServer answeringThrough(HandlerExceptionResolver errors) {
        return new ResourceServer(new ProblemAnswers(errors));
    }

    /** {@code http} with the shared part; the caller adds its endpoints' rules, ending with {@code anyRequest()}. */
    public HttpSecurity apply(HttpSecurity http) {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests
                        // Errors already refused are rendered, whoever asked.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs",
                                "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.GET, MONITORED).hasAnyAuthority(MONITOR, ADMIN[0], ADMIN[1])
                        .requestMatchers("/actuator/**").hasAnyAuthority(ADMIN));
    }

    /** Authorities from the token: {@code SCOPE_x} for each granted scope, {@code ROLE_x} for each of its roles. */
    static JwtAuthenticationConverter authentication() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        Converter<Jwt, Collection<GrantedAuthority>> both = jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            authorities.addAll(roles.convert(jwt));
            return authorities;
        };
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(both);
        return converter;
    }
}

package dev.orderflow.console.web;

import dev.orderflow.console.backlog.OutboxBacklog;
import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.function.SingletonSupplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the console: administrators only, as it shows every customer's orders. Scripts call the API with a
 * bearer token, checked as at every service; operators open the page in a browser and log in at orderflow's
 * authorization server (authorization code with PKCE, the console a public client), after which the page and its
 * calls to the API ride on the login session, protected from cross-site requests by a CSRF token the page reads from
 * a cookie. The roles come from the access token the login got, checked by the same decoder as any bearer token.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    /** The login's registration id: the last segment of the redirect URI the authorization server knows. */
    static final String LOGIN = "orderflow";

    /** The monitoring client's registration id (client credentials, scope {@code orderflow.metrics}). */
    static final String MONITOR = OutboxBacklog.REGISTRATION;

    /** The page loads nothing from elsewhere and nothing may frame it. */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * A request a forged cross-site request cannot be: one with credentials of its own (a bearer token, the only
     * kind taken) or one without a session to ride on, which is then refused as unauthenticated (401, not a 403 for
     * a missing CSRF token).
     */
    private static final RequestMatcher NOT_RIDING_ON_A_SESSION = request ->
            request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getSession(false) == null;

    /**
     * The API, the actuator and the API document: as at every service, plus the page's login session. A bearer
     * request stays stateless (nothing is stored in a session, no CSRF token needed); a request without one is
     * checked against the session, never creating one.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
                        "/error"))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(NOT_RIDING_ON_A_SESSION))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }

    /** The page: a login at the authorization server, then administrators only. */
    @Bean
    @Order(2)
    SecurityFilterChain page(HttpSecurity http, JwtDecoder accessTokens) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/signed-out.html", "/console.css").permitAll()
                        .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .oauth2Login(login -> login
                        // One way to log in, so no page to choose one: straight to the authorization server.
                        .loginPage(OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
                                + "/" + LOGIN)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(rolesOfTheAccessToken(accessTokens))))
                .logout(logout -> logout.logoutSuccessUrl("/signed-out.html"))
                .csrf(csrf -> csrf.spa())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * The console's clients at the authorization server, spelled out rather than discovered, so that the console
     * starts while the authorization server does not answer yet, and read at first use, when every setting is known:
     * its log-in ({@value #LOGIN}) and its monitoring client ({@value #MONITOR}). Browsers are sent to the front
     * channel, the console fetches tokens and keys at the back channel, and the ID token must name the issuer: three
     * addresses of one server, which differ when browsers and the console reach it by different routes (a
     * port-forward and the cluster's Service on Kubernetes).
     */
    @Bean
    ClientRegistrationRepository logins(ConsoleProperties properties, Environment environment) {
        SingletonSupplier<ClientRegistration> login = SingletonSupplier.of(() -> {
            ConsoleProperties.Login settings = properties.login();
            String issuer = issuer(settings, environment);
            String frontChannel = withoutTrailingSlash(settings.frontChannel().isBlank() ? issuer
                    : settings.frontChannel());
            String backChannel = backChannel(settings, environment);
            return ClientRegistration.withRegistrationId(LOGIN)
                    .clientName("orderflow")
                    .clientId(settings.clientId())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    .issuerUri(issuer)
                    .authorizationUri(frontChannel + "/oauth2/authorize")
                    .tokenUri(backChannel + "/oauth2/token")
                    .jwkSetUri(backChannel + "/oauth2/jwks")
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .build();
        });
        SingletonSupplier<ClientRegistration> monitor = SingletonSupplier.of(() ->
                ClientRegistration.withRegistrationId(MONITOR)
                        .clientName("orderflow console's monitoring")
                        .clientId(properties.monitor().clientId())
                        .clientSecret(properties.monitor().clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scope("orderflow.metrics")
                        .tokenUri(backChannel(properties.login(), environment) + "/oauth2/token")
                        .build());
        return registrationId -> switch (registrationId == null ? "" : registrationId) {
            case LOGIN -> login.obtain();
            case MONITOR -> monitor.obtain();
            default -> null;
        };
    }

    /** The authorization server's name in its tokens: the login's own setting, or the issuer the API trusts. */
    private static String issuer(ConsoleProperties.Login settings, Environment environment) {
        return withoutTrailingSlash(settings.issuer().isBlank()
                ? environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                : settings.issuer());
    }

    /** Where the console itself reaches the authorization server. */
    private static String backChannel(ConsoleProperties.Login settings, Environment environment) {
        return settings.backChannel().isBlank() ? issuer(settings, environment)
                : withoutTrailingSlash(settings.backChannel());
    }

    /** The logged-in user with the roles its access token grants ({@code ROLE_admin} for an operator). */
    private static OAuth2UserService<OidcUserRequest, OidcUser> rolesOfTheAccessToken(JwtDecoder accessTokens) {
        OidcUserService users = new OidcUserService();
        return request -> {
            OidcUser user = users.loadUser(request);
            Jwt access = accessTokens.decode(request.getAccessToken().getTokenValue());
            List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            List<String> roles = access.getClaimAsStringList("roles");
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toLowerCase(Locale.ROOT))));
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), IdTokenClaimNames.SUB);
        };
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}

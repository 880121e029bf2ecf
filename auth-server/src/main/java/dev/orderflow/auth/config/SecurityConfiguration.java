package dev.orderflow.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Two filter chains: the protocol endpoints (authorize, token, JWK set, OpenID discovery and user info), where a
 * browser without a session is sent to the login page; and everything else, where health is open and the rest needs
 * a login. Users live in the server's database ({@code users}, {@code authorities}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The claim with a user's roles, without Spring's {@code ROLE_} prefix: {@code customer}, {@code admin}. */
    static final String ROLES_CLAIM = "roles";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(withDefaults());
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        // The OpenID user info endpoint takes the access tokens this server issued.
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    /**
     * The server's own administration, no session: an administrator's access token, as at every service (an
     * operator's script with the scope {@code orderflow.admin}, or a user with the role {@code admin}).
     */
    @Bean
    @Order(2)
    SecurityFilterChain administration(HttpSecurity http) {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAnyAuthority("SCOPE_orderflow.admin", "ROLE_admin"))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt
                        .jwtAuthenticationConverter(scopesAndRoles())))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** A token's scopes ({@code SCOPE_...}) and, for a user, its roles ({@code ROLE_...}). */
    private static JwtAuthenticationConverter scopesAndRoles() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            authorities.addAll(roles.convert(jwt));
            return authorities;
        });
        return converter;
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginAndManagement(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                .anyRequest().authenticated());
        http.formLogin(withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsManager users(DataSource dataSource) {
        return new JdbcUserDetailsManager(dataSource);
    }

    /** Stored passwords and client secrets name their encoding: {@code {bcrypt}...}, {@code {noop}...}. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every access token is for the services' audience; one issued to a user also carries the user's roles. A machine
     * client's token carries its scopes only ({@code orderflow.admin} for operators' scripts).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(AuthProperties properties) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            context.getClaims().audience(List.of(properties.audience()));
            if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                context.getClaims().claim(ROLES_CLAIM, context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                        .map(authority -> authority.substring("ROLE_".length()).toLowerCase(Locale.ROOT))
                        .sorted().toList());
            }
        };
    }
}

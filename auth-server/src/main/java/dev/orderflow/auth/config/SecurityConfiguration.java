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
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import javax.sql.DataSource;
import java.time.Clock;
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

    /** The server's own administration: an operator's access token (scope {@code orderflow.admin}), no session. */
    @Bean
    @Order(2)
    SecurityFilterChain administration(HttpSecurity http) {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_orderflow.admin"))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
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

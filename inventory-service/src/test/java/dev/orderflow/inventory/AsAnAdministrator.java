package dev.orderflow.inventory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every MockMvc request of a test carries an administrator's authenticated JWT, unless the request brings its own
 * ({@code .with(jwt()...)}, {@code .with(anonymous())}): the tests of what a customer or an anonymous caller may
 * do say so. Tokens themselves (signature, issuer, audience, times) are checked in web-support's
 * {@code ResourceServerTest} and, end to end, in the system tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AsAnAdministrator {

    @Bean
    MockMvcBuilderCustomizer administratorByDefault() {
        return builder -> builder.defaultRequest(get("/").with(jwt()
                .jwt(token -> token.subject("orderflow-operator").claim("scope", "orderflow.admin"))
                .authorities(new SimpleGrantedAuthority("SCOPE_orderflow.admin"))));
    }
}

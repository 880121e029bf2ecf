package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's client registrations at the authorization server, as each way of running sets them: browsers, the
 * console and the ID token's issuer may each name the server by another address.
 */
class LoginRegistrationTest {

    private static final String TRUSTED_ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    @Test
    void onThisMachineEveryoneReachesTheIssuerItself() {
        ClientRegistration login = registration(Map.of(), "http://127.0.0.1:9000");

        assertThat(login.getProviderDetails().getIssuerUri()).isEqualTo("http://127.0.0.1:9000");
        assertThat(login.getProviderDetails().getAuthorizationUri()).isEqualTo("http://127.0.0.1:9000/oauth2/authorize");
        assertThat(login.getProviderDetails().getTokenUri()).isEqualTo("http://127.0.0.1:9000/oauth2/token");
        assertThat(login.getProviderDetails().getJwkSetUri()).isEqualTo("http://127.0.0.1:9000/oauth2/jwks");
        assertThat(login.getClientId()).isEqualTo("orderflow-console");
        assertThat(login.getScopes()).containsExactlyInAnyOrder("openid", "profile");
    }

    @Test
    void inComposeTheConsoleTalksToTheServerByItsServiceName() {
        ClientRegistration login = registration(Map.of("orderflow.console.login.back-channel", "http://auth-server:9000/"),
                "http://localhost:9000");

        assertThat(login.getProviderDetails().getIssuerUri()).isEqualTo("http://localhost:9000");
        assertThat(login.getProviderDetails().getAuthorizationUri()).isEqualTo("http://localhost:9000/oauth2/authorize");
        assertThat(login.getProviderDetails().getTokenUri()).isEqualTo("http://auth-server:9000/oauth2/token");
        assertThat(login.getProviderDetails().getJwkSetUri()).isEqualTo("http://auth-server:9000/oauth2/jwks");
    }

    /**
     * On Kubernetes the tokens name the server by its Service, which the console reaches but a browser does not: the
     * browser logs in through a port-forward, and the ID token is still checked against the Service's name.
     */
    @Test
    void onKubernetesBrowsersLogInThroughAnotherAddressThanTheIssuers() {
        ClientRegistration login = registration(Map.of("orderflow.console.login.front-channel", "http://127.0.0.1:9000"),
                "http://auth-server:9000");

        assertThat(login.getProviderDetails().getIssuerUri()).isEqualTo("http://auth-server:9000");
        assertThat(login.getProviderDetails().getAuthorizationUri()).isEqualTo("http://127.0.0.1:9000/oauth2/authorize");
        assertThat(login.getProviderDetails().getTokenUri()).isEqualTo("http://auth-server:9000/oauth2/token");
        assertThat(login.getProviderDetails().getJwkSetUri()).isEqualTo("http://auth-server:9000/oauth2/jwks");
    }

    @Test
    void anIssuerOfItsOwnOverridesTheOneTheApiTrusts() {
        ClientRegistration login = registration(Map.of("orderflow.console.login.issuer", "http://login.example.com"),
                "http://127.0.0.1:9000");

        assertThat(login.getProviderDetails().getIssuerUri()).isEqualTo("http://login.example.com");
        assertThat(login.getProviderDetails().getAuthorizationUri())
                .isEqualTo("http://login.example.com/oauth2/authorize");
    }

    /** The monitoring client: client credentials with its secret, at the address the console reaches the server. */
    @Test
    void theMonitoringClientAsksForTheMetricsScopeAtTheBackChannel() {
        ClientRegistration monitor = registrations(Map.of("orderflow.console.monitor.client-secret", "s3cret",
                "orderflow.console.login.back-channel", "http://auth-server:9000",
                "orderflow.console.login.front-channel", "http://127.0.0.1:9000"), "http://auth-server:9000")
                .findByRegistrationId(ConsoleSecurity.MONITOR);

        assertThat(monitor.getClientId()).isEqualTo("orderflow-monitor");
        assertThat(monitor.getClientSecret()).isEqualTo("s3cret");
        assertThat(monitor.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
        assertThat(monitor.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(monitor.getScopes()).containsExactly("orderflow.metrics");
        assertThat(monitor.getProviderDetails().getTokenUri()).isEqualTo("http://auth-server:9000/oauth2/token");
    }

    /** The log-in registration, as these settings and the issuer the API trusts make it. */
    private static ClientRegistration registration(Map<String, String> settings, String trustedIssuer) {
        ClientRegistrationRepository registrations = registrations(settings, trustedIssuer);
        assertThat(registrations.findByRegistrationId("another")).isNull();
        return registrations.findByRegistrationId(ConsoleSecurity.LOGIN);
    }

    private static ClientRegistrationRepository registrations(Map<String, String> settings, String trustedIssuer) {
        ConsoleProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("orderflow.console", ConsoleProperties.class);
        return new ConsoleSecurity().logins(properties, new MockEnvironment().withProperty(TRUSTED_ISSUER,
                trustedIssuer));
    }
}

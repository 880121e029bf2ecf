package dev.orderflow.console.web;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which token the console acts with at order-service: the caller's own, never one of its own. */
class OperatorTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final ClientRegistration login = ClientRegistration.withRegistrationId(ConsoleSecurity.LOGIN)
            .clientId("orderflow-console")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .authorizationUri("http://127.0.0.1:9000/oauth2/authorize")
            .tokenUri("http://127.0.0.1:9000/oauth2/token")
            .build();
    private final InMemoryOAuth2AuthorizedClientService logins =
            new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(login));
    private final OperatorToken tokens = new OperatorToken(logins, Clock.fixed(NOW, ZoneOffset.UTC));
    private final OAuth2AuthenticationToken operator = new OAuth2AuthenticationToken(
            new DefaultOAuth2User(List.of(), Map.of("sub", "ops"), "sub"), List.of(), ConsoleSecurity.LOGIN);

    @Test
    void aScriptActsWithItsBearerToken() {
        Jwt jwt = Jwt.withTokenValue("the-scripts-token").header("alg", "RS256").subject("orderflow-operator")
                .issuedAt(NOW.minusSeconds(5)).expiresAt(NOW.plusSeconds(600)).build();

        assertThat(tokens.of(new JwtAuthenticationToken(jwt))).isEqualTo("the-scripts-token");
    }

    @Test
    void theLoggedInOperatorActsWithTheAccessTokenItsLoginGot() {
        logIn(NOW.plusSeconds(60));

        assertThat(tokens.of(operator)).isEqualTo("the-logins-token");
    }

    @Test
    void aLoginWhoseAccessTokenRanOutMustLogInAgain() {
        logIn(NOW.minusSeconds(1));

        assertThatThrownBy(() -> tokens.of(operator)).isInstanceOf(LoginExpiredException.class);
    }

    @Test
    void aLoginWithoutAnAuthorizedClientOrAnotherKindOfCallerGetsNoToken() {
        assertThatThrownBy(() -> tokens.of(operator)).isInstanceOf(LoginExpiredException.class);
        assertThatThrownBy(() -> tokens.of(new TestingAuthenticationToken("someone", "secret")))
                .isInstanceOf(LoginExpiredException.class);
    }

    private void logIn(Instant expiresAt) {
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "the-logins-token",
                expiresAt.minusSeconds(900), expiresAt);
        logins.saveAuthorizedClient(new OAuth2AuthorizedClient(login, "ops", access), operator);
    }
}

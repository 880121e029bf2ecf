package dev.orderflow.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The access token of whoever calls the console, to act with it at order-service: a script's bearer token as it came,
 * or the token the page's login got from the authorization server. The console never acts with rights of its own.
 */
@Component
class OperatorToken {

    private final OAuth2AuthorizedClientService logins;
    private final Clock clock;

    OperatorToken(OAuth2AuthorizedClientService logins, Clock clock) {
        this.logins = logins;
        this.clock = clock;
    }

    /** The caller's access token; {@link LoginExpiredException} if its login has none that is still valid. */
    String of(Authentication caller) {
        return switch (caller) {
            case JwtAuthenticationToken bearer -> bearer.getToken().getTokenValue();
            case OAuth2AuthenticationToken login -> {
                OAuth2AuthorizedClient client = logins.loadAuthorizedClient(
                        login.getAuthorizedClientRegistrationId(), login.getName());
                OAuth2AccessToken token = client == null ? null : client.getAccessToken();
                if (token == null || token.getExpiresAt() == null || !token.getExpiresAt().isAfter(clock.instant())) {
                    throw new LoginExpiredException();
                }
                yield token.getTokenValue();
            }
            default -> throw new LoginExpiredException();
        };
    }
}

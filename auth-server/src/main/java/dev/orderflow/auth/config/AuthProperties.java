package dev.orderflow.auth.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the authorization server, {@code orderflow.auth.*} (environment: {@code ORDERFLOW_AUTH_...}).
 *
 * @param audience          the {@code aud} of every access token: what each service requires
 * @param signingKeyLifetime how long one key signs; an older one is replaced at the next check
 * @param keyCheckInterval  how often each instance checks the signing key's age
 * @param retiredKeyPublished how long a replaced key stays in the JWK set, so that the tokens it signed stay valid
 *                            until they expire: at least the longest access token lifetime of any client
 * @param demoPassword        the password of the demo users (profile {@code demo}), at least 12 characters; no
 *                            default: the launcher and {@code ./orderflow env} make one per machine
 */
@Validated
@ConfigurationProperties("orderflow.auth")
public record AuthProperties(
        @NotBlank @DefaultValue("orderflow") String audience,
        @NotNull @DefaultValue("30d") Duration signingKeyLifetime,
        @NotNull @DefaultValue("1h") Duration keyCheckInterval,
        @NotNull @DefaultValue("1h") Duration retiredKeyPublished,
        String demoPassword) {
}

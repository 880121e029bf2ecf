package dev.orderflow.auth.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.orderflow.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.Duration;

/**
 * Tokens are signed with {@link SigningKeys#signingKey()} only; the JWK set endpoint (and the server's own token
 * checks) use every published key. Each instance checks the signing key's age every {@code key-check-interval}. A
 * client whose access tokens would outlive the retired key's time in the JWK set stops the start.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SigningKeyConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    private final AuthProperties properties;
    private final SigningKeys keys;

    SigningKeyConfiguration(AuthProperties properties, OAuth2AuthorizationServerProperties server, JdbcClient jdbc,
            TransactionOperations transactions, Clock clock) {
        server.getClient().forEach((name, client) -> {
            Duration lifetime = client.getToken().getAccessTokenTimeToLive();
            if (lifetime.compareTo(properties.retiredKeyPublished()) > 0) {
                throw new IllegalStateException(("client %s's access tokens live %s, longer than a replaced "
                        + "signing key stays published (orderflow.auth.retired-key-published = %s): its tokens "
                        + "would stop verifying before they expire")
                        .formatted(name, lifetime, properties.retiredKeyPublished()));
            }
        });
        this.properties = properties;
        this.keys = new SigningKeys(jdbc, transactions, clock, properties.signingKeyLifetime(),
                properties.retiredKeyPublished());
    }

    @Bean
    SigningKeys signingKeys() {
        return keys;
    }

    /** What {@code /oauth2/jwks} publishes. */
    @Bean
    JWKSource<SecurityContext> publishedKeys() {
        return (selector, context) -> selector.select(new JWKSet(keys.published()));
    }

    /** Signs with the one current key (with several candidates Nimbus would refuse to choose). */
    @Bean
    JwtEncoder jwtEncoder() {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingKey())));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // The first check runs at start, so a fresh database gets its key before the first token is asked for.
        registrar.addFixedDelayTask(this::checkKeyAge, properties.keyCheckInterval());
    }

    private void checkKeyAge() {
        try {
            keys.rotateIfDue();
        } catch (RuntimeException e) {
            // The next check tries again; until then the current key keeps signing.
            log.warn("Signing key check failed: {}", e.toString());
        }
    }
}

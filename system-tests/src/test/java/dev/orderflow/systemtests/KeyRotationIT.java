package dev.orderflow.systemtests;

import com.nimbusds.jwt.SignedJWT;
import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import static dev.orderflow.localstack.launcher.OrderflowService.AUTH;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator rotates the signing key of the running system's authorization server: every service takes the
 * tokens of the new key at once (it fetches the JWK set again for a key id it does not know), and still takes
 * those of the replaced key, which stays published until they expire. Nobody is logged out.
 */
class KeyRotationIT extends EndToEndTest {

    private final Stack stack = RunningSystem.stack();

    @Test
    void everyServiceTakesTheNewKeysTokensAtOnceAndStillTheReplacedKeys() throws ParseException {
        String before = stack.accessTokens().operator();
        for (OrderflowService service : List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION)) {
            assertThat(metrics(service, before).status()).as("%s before the rotation", service).isEqualTo(200);
        }

        Api.Response rotated = api.send(AUTH, "POST", "/admin/signing-keys/rotate", null,
                Map.of("Authorization", AccessTokens.bearer(before)));
        String after = new AccessTokens(stack.service(AUTH).baseUrl(), stack.secrets().operatorSecret()).operator();

        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        assertThat(keyId(after)).isEqualTo(rotated.text("signingKey")).isNotEqualTo(keyId(before));
        for (OrderflowService service : List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION)) {
            assertThat(metrics(service, after).status()).as("%s, a token of the new key", service).isEqualTo(200);
            assertThat(metrics(service, before).status()).as("%s, a token of the replaced key", service)
                    .isEqualTo(200);
        }
    }

    private Api.Response metrics(OrderflowService service, String token) {
        return api.send(service, "GET", "/actuator/prometheus", null, Map.of("Authorization",
                AccessTokens.bearer(token), "Accept", "text/plain"));
    }

    private static String keyId(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}

package dev.orderflow.auth.web;

import com.nimbusds.jose.jwk.JWK;
import dev.orderflow.auth.keys.SigningKeys;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code POST /admin/signing-keys/rotate}: replaces the signing key at once (a suspected leak, or a rotation on the
 * operators' schedule rather than by age). The replaced key stays published until the tokens it signed expire, so
 * nobody is logged out; tokens issued from now on carry the new key's id. For an operator's token
 * ({@code orderflow.admin}) only.
 */
@RestController
class SigningKeysController {

    private final SigningKeys keys;

    SigningKeysController(SigningKeys keys) {
        this.keys = keys;
    }

    /** The new signing key's id, and every key id the JWK set now publishes (the replaced one among them). */
    record Rotated(String signingKey, List<String> published) {
    }

    @PostMapping("/admin/signing-keys/rotate")
    Rotated rotate() {
        String signingKey = keys.rotate();
        return new Rotated(signingKey, keys.published().stream().map(JWK::getKeyID).toList());
    }
}

package dev.orderflow.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signing keys, in the server's own database so that every instance signs with the same key and a restart keeps
 * it: the newest key that is not retired signs; a retired key stays published for a while, so the tokens it signed
 * stay valid until they expire. Creating and rotating take a transaction-scoped advisory lock, so that instances
 * starting together make one key, not one each.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** The advisory lock of key changes ("orderflow keys" in a number). */
    private static final long KEY_CHANGE_LOCK = 0x6f7264666c6f77L;
    private static final int RSA_KEY_BITS = 2048;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration retiredPublished;

    /**
     * @param lifetime         how long a key signs before {@link #rotateIfDue()} replaces it
     * @param retiredPublished how long a replaced key stays in {@link #published()}
     */
    public SigningKeys(JdbcClient jdbc, TransactionOperations transactions, Clock clock, Duration lifetime,
            Duration retiredPublished) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetime = lifetime;
        this.retiredPublished = retiredPublished;
    }

    /** The key that signs now, with its private part; made first if there is none yet. */
    public RSAKey signingKey() {
        return current().map(StoredKey::key).orElseGet(() -> {
            rotateIfDue();
            return current().map(StoredKey::key)
                    .orElseThrow(() -> new IllegalStateException("no signing key after making one"));
        });
    }

    /** The public keys a token may be signed with: the signing key and those retired within the window. */
    public List<JWK> published() {
        Instant oldestRetirement = clock.instant().minus(retiredPublished);
        return jdbc.sql("""
                        select jwk from signing_key
                        where retired_at is null or retired_at > :oldestRetirement
                        order by created_at desc""")
                .param("oldestRetirement", utc(oldestRetirement))
                .query((rs, row) -> (JWK) parse(rs.getString("jwk")).toPublicJWK())
                .list();
    }

    /** Makes a new key if there is none or the signing one is older than its lifetime; answers whether it did. */
    public boolean rotateIfDue() {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            lockKeyChanges();
            Optional<StoredKey> current = current();
            if (current.isPresent() && current.get().createdAt().plus(lifetime).isAfter(clock.instant())) {
                return false;
            }
            replaceSigningKey();
            return true;
        }));
    }

    /** Retires the signing key at once (suspected leak, routine rotation) and answers the new one's key id. */
    public String rotate() {
        return transactions.execute(status -> {
            lockKeyChanges();
            return replaceSigningKey();
        });
    }

    private String replaceSigningKey() {
        Instant now = clock.instant();
        int retired = jdbc.sql("update signing_key set retired_at = :now where retired_at is null")
                .param("now", utc(now)).update();
        RSAKey key = generate(now);
        jdbc.sql("insert into signing_key (kid, jwk, created_at) values (:kid, :jwk, :createdAt)")
                .param("kid", key.getKeyID()).param("jwk", key.toJSONString()).param("createdAt", utc(now))
                .update();
        int forgotten = jdbc.sql("delete from signing_key where retired_at <= :oldestRetirement")
                .param("oldestRetirement", utc(now.minus(retiredPublished))).update();
        log.info("New signing key {} ({} retired, published for {} more; {} older ones deleted)", key.getKeyID(),
                retired, retiredPublished, forgotten);
        return key.getKeyID();
    }

    private Optional<StoredKey> current() {
        return jdbc.sql("""
                        select jwk, created_at from signing_key where retired_at is null
                        order by created_at desc limit 1""")
                .query((rs, row) -> new StoredKey(parse(rs.getString("jwk")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void lockKeyChanges() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", KEY_CHANGE_LOCK).query((rs, row) -> 1).list();
    }

    private static RSAKey generate(Instant now) {
        try {
            return new RSAKeyGenerator(RSA_KEY_BITS).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).issueTime(Date.from(now)).generate();
        } catch (JOSEException failed) {
            throw new IllegalStateException("could not generate an RSA signing key", failed);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException broken) {
            throw new IllegalStateException("a stored signing key is not an RSA JSON Web Key", broken);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record StoredKey(RSAKey key, Instant createdAt) {
    }
}

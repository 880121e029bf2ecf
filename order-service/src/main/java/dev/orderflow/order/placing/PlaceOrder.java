package dev.orderflow.order.placing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** What a customer asks for: quantities of SKUs. Prices are not part of it; they come from the catalog. */
public record PlaceOrder(String customerId, List<Item> items) {

    public PlaceOrder {
        Objects.requireNonNull(customerId, "customerId");
        items = List.copyOf(items);
    }

    public record Item(String sku, int quantity) {
        public Item {
            Objects.requireNonNull(sku, "sku");
        }
    }

    /**
     * A fingerprint of the request's meaning (not of its bytes: whitespace or field order in the JSON do not
     * matter), stored with an Idempotency-Key to tell a retry from a different request under the same key.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder(customerId.length() + items.size() * 24);
        canonical.append(customerId.length()).append(':').append(customerId);
        for (Item item : items) {
            canonical.append('|').append(item.sku().length()).append(':').append(item.sku())
                    .append('x').append(item.quantity());
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package dev.orderflow.inventory.domain;

import dev.orderflow.events.Money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A product of the catalog and its stock, split in three buckets: available to order, reserved by orders
 * in flight, and sold.
 *
 * <p>Invariant I2: {@code initialStock + restocked == available + reserved + sold}, no bucket ever negative.
 * Every method that moves units keeps it and writes the movement to the {@link Ledger}.
 *
 * <p>{@code version} grows with every change; catalog events carry it as their sequence so replicas can tell a
 * stale entry from a newer one. The rows are only changed under a row lock, so the counter needs no
 * optimistic check of its own.
 */
public class Product {

    /** Upper-case letters, digits and dashes, starting with a letter or digit, at most 32 characters. */
    public static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");
    public static final int MAX_NAME_LENGTH = 200;

    private String sku;

    private String name;

    private BigDecimal priceAmount;

    private String priceCurrency;

    private int initialStock;
    private int restocked;
    private int available;
    private int reserved;
    private int sold;

    private long version;

    private Product() {
    }

    private Product(String sku, String name, Money price, int initialStock) {
        if (!SKU.matcher(Objects.requireNonNull(sku, "sku")).matches()) {
            throw new IllegalArgumentException("not a SKU: " + sku);
        }
        if (initialStock < 0) {
            throw new IllegalArgumentException("initial stock cannot be negative: " + initialStock);
        }
        this.sku = sku;
        setCatalogEntry(name, price);
        this.initialStock = initialStock;
        this.available = initialStock;
        this.version = 1;
    }

    /** A product as it was stored, for the store to hand out; every change goes back through the store. */
    public static Product restore(String sku, String name, Money price, int initialStock, int restocked, int available,
            int reserved, int sold, long version) {
        Product product = new Product();
        product.sku = sku;
        product.name = name;
        product.priceAmount = price.amount();
        product.priceCurrency = price.currency();
        product.initialStock = initialStock;
        product.restocked = restocked;
        product.available = available;
        product.reserved = reserved;
        product.sold = sold;
        product.version = version;
        return product;
    }

    /** A new product with its opening stock, which the ledger records as the first restock. */
    public static Product create(String sku, String name, Money price, int initialStock, Ledger ledger) {
        Product product = new Product(sku, name, price, initialStock);
        if (initialStock > 0) {
            ledger.record(new StockMovement(sku, MovementType.RESTOCK, initialStock, null));
        }
        return product;
    }

    /** Changes name and price; answers whether anything changed, which is when replicas must hear of it. */
    public boolean changeCatalogEntry(String name, Money price) {
        if (this.name.equals(name) && price().equals(price)) {
            return false;
        }
        setCatalogEntry(name, price);
        version++;
        return true;
    }

    public void restock(int quantity, Ledger ledger) {
        requirePositive(quantity);
        try {
            int newRestocked = Math.addExact(restocked, quantity);
            Math.addExact(initialStock, newRestocked);
            available = Math.addExact(available, quantity);
            restocked = newRestocked;
        } catch (ArithmeticException e) {
            throw new StockLimitExceeded(sku, quantity);
        }
        moved(MovementType.RESTOCK, quantity, null, ledger);
    }

    /** Whether this many units can be reserved now. */
    public boolean canReserve(int quantity) {
        return quantity <= available;
    }

    void reserve(int quantity, UUID orderId, Ledger ledger) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new IllegalStateException("only " + available + " of " + sku + " available, " + quantity
                    + " asked for");
        }
        available -= quantity;
        reserved += quantity;
        moved(MovementType.RESERVE, quantity, orderId, ledger);
    }

    void release(int quantity, UUID orderId, Ledger ledger) {
        requirePositive(quantity);
        requireHeld(quantity, reserved, "reserved");
        reserved -= quantity;
        available += quantity;
        moved(MovementType.RELEASE, quantity, orderId, ledger);
    }

    void commit(int quantity, UUID orderId, Ledger ledger) {
        requirePositive(quantity);
        requireHeld(quantity, reserved, "reserved");
        reserved -= quantity;
        sold += quantity;
        moved(MovementType.COMMIT, quantity, orderId, ledger);
    }

    void takeBack(int quantity, UUID orderId, Ledger ledger) {
        requirePositive(quantity);
        requireHeld(quantity, sold, "sold");
        sold -= quantity;
        available += quantity;
        moved(MovementType.RETURN, quantity, orderId, ledger);
    }

    /** Invariant I2 for this product. */
    public boolean isBalanced() {
        return available >= 0 && reserved >= 0 && sold >= 0
                && (long) initialStock + restocked == (long) available + reserved + sold;
    }

    private void moved(MovementType type, int quantity, UUID orderId, Ledger ledger) {
        if (!isBalanced()) {
            throw new IllegalStateException("stock of " + sku + " no longer balances: " + this);
        }
        version++;
        ledger.record(new StockMovement(sku, type, quantity, orderId));
    }

    private void setCatalogEntry(String name, Money price) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a name has 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (price.isNegative() || price.isZero()) {
            throw new IllegalArgumentException("a price is positive: " + price);
        }
        this.name = name;
        this.priceAmount = price.amount();
        this.priceCurrency = price.currency();
    }

    private void requireHeld(int quantity, int held, String bucket) {
        if (quantity > held) {
            throw new IllegalStateException("only " + held + " of " + sku + " " + bucket + ", " + quantity
                    + " to move");
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public Money price() {
        return new Money(priceAmount, priceCurrency);
    }

    public int initialStock() {
        return initialStock;
    }

    public int restocked() {
        return restocked;
    }

    public int available() {
        return available;
    }

    public int reserved() {
        return reserved;
    }

    public int sold() {
        return sold;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return sku + "[initial=" + initialStock + ", restocked=" + restocked + ", available=" + available
                + ", reserved=" + reserved + ", sold=" + sold + ", v" + version + "]";
    }
}

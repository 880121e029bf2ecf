package dev.orderflow.events.payment;

import dev.orderflow.events.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * Charge the customer for the order: credit check, screening, then the payment gateway.
 *
 * @param basket what the order holds, for the payment's screening; null in a command written before it was added
 *               (screened as a basket of one line of one unit)
 */
public record AuthorizePayment(UUID orderId, String customerId, Money amount, Basket basket) implements PaymentCommand {

    public static final String TYPE = "dev.orderflow.payment.AuthorizePayment.v1";

    public AuthorizePayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    /** A command without its basket, as one written before the basket was added. */
    public AuthorizePayment(UUID orderId, String customerId, Money amount) {
        this(orderId, customerId, amount, null);
    }

    /**
     * The size of an order, as payment screening reads it.
     *
     * @param lines the order's lines (distinct products)
     * @param units the units over all its lines
     */
    public record Basket(int lines, int units) {

        public Basket {
            if (lines < 1 || units < lines) {
                throw new IllegalArgumentException("a basket has at least one line and a unit per line, not "
                        + lines + " lines of " + units + " units");
            }
        }
    }
}

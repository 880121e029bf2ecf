package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The credit a customer may spend on orders. What authorized payments hold is {@code creditLimit - available};
 * available credit never drops below zero nor rises above the limit.
 */
@Entity
@Table(name = "credit_accounts")
public class CreditAccount {

    @Id
    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "credit_limit")
    private BigDecimal creditLimit;

    private BigDecimal available;

    private String currency;

    @Version
    private long version;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CreditAccount() {
    }

    private CreditAccount(String customerId, Money creditLimit, Instant now) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        if (creditLimit.isNegative()) {
            throw new IllegalArgumentException("a credit limit cannot be negative: " + creditLimit);
        }
        this.creditLimit = creditLimit.amount();
        this.available = creditLimit.amount();
        this.currency = creditLimit.currency();
        this.updatedAt = now;
    }

    /** A new account with all of its limit available. */
    public static CreditAccount open(String customerId, Money creditLimit, Instant now) {
        return new CreditAccount(customerId, creditLimit, now);
    }

    public String customerId() {
        return customerId;
    }

    public Money creditLimit() {
        return new Money(creditLimit, currency);
    }

    public Money available() {
        return new Money(available, currency);
    }

    /** What authorized payments hold of the limit. */
    public Money inUse() {
        return creditLimit().minus(available());
    }

    public boolean canCover(Money amount) {
        return currency.equals(amount.currency()) && available().compareTo(amount) >= 0;
    }

    /** Takes the amount of an authorized payment from the available credit. */
    public void charge(Money amount, Instant now) {
        if (!canCover(amount)) {
            throw new InsufficientCreditException(customerId, amount, available());
        }
        available = available().minus(amount).amount();
        updatedAt = now;
    }

    /** Gives the amount of a refunded payment back. */
    public void restore(Money amount, Instant now) {
        Money after = available().plus(amount);
        if (after.compareTo(creditLimit()) > 0) {
            throw new IllegalStateException("restoring " + amount + " to " + customerId + " would exceed its limit "
                    + creditLimit() + ": it was never charged");
        }
        available = after.amount();
        updatedAt = now;
    }

    /**
     * Sets a new limit; available credit moves by the difference. A limit below what is in use is refused, since
     * the payments holding it cannot be taken back.
     *
     * @return how much available credit changed (negative when the limit went down)
     */
    public Money changeLimit(Money newLimit, Instant now) {
        if (!currency.equals(newLimit.currency())) {
            throw new IllegalArgumentException("account " + customerId + " is kept in " + currency + ", not "
                    + newLimit.currency());
        }
        if (newLimit.compareTo(inUse()) < 0) {
            throw new CreditInUseException(customerId, newLimit, inUse());
        }
        Money difference = newLimit.minus(creditLimit());
        available = available().plus(difference).amount();
        creditLimit = newLimit.amount();
        updatedAt = now;
        return difference;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

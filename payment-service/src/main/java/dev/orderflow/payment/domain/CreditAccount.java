package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The credit a customer may spend on orders. The balance is what charges have not taken of the limit; pending
 * payments hold part of it until the gateway has answered, and what is left is available to spend. The balance never
 * drops below what is held nor rises above the limit, and available credit never drops below zero.
 */
public class CreditAccount {

    private String customerId;
    private BigDecimal creditLimit;
    /** The balance: the limit minus what charges took (column {@code available}, which predates holds). */
    private BigDecimal balance;
    private BigDecimal held;
    private String currency;
    private Instant updatedAt;

    private CreditAccount() {
    }

    private CreditAccount(String customerId, Money creditLimit, Instant now) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        if (creditLimit.isNegative()) {
            throw new IllegalArgumentException("a credit limit cannot be negative: " + creditLimit);
        }
        this.creditLimit = creditLimit.amount();
        this.balance = creditLimit.amount();
        this.held = Money.zero(creditLimit.currency()).amount();
        this.currency = creditLimit.currency();
        this.updatedAt = now;
    }

    /** An account as it was stored, for the store to hand out; every change goes back through its {@code update}. */
    public static CreditAccount restore(String customerId, Money creditLimit, Money balance, Money held,
            Instant updatedAt) {
        CreditAccount account = new CreditAccount();
        account.customerId = Objects.requireNonNull(customerId, "customerId");
        account.creditLimit = creditLimit.amount();
        account.balance = balance.amount();
        account.held = held.amount();
        account.currency = creditLimit.currency();
        account.updatedAt = updatedAt;
        return account;
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

    /** What the customer may still spend: the balance less what pending payments hold. */
    public Money available() {
        return balance().minus(held());
    }

    /** The limit less what charges took; what the ledger's entries add up to. */
    public Money balance() {
        return new Money(balance, currency);
    }

    /** What pending payments hold until the gateway has answered. */
    public Money held() {
        return new Money(held, currency);
    }

    /** What charges and holds take of the limit. */
    public Money inUse() {
        return creditLimit().minus(available());
    }

    public boolean canCover(Money amount) {
        return currency.equals(amount.currency()) && available().compareTo(amount) >= 0;
    }

    /** Sets the amount of a pending payment aside, so no other payment can spend it while the gateway is asked. */
    public void hold(Money amount, Instant now) {
        if (!canCover(amount)) {
            throw new InsufficientCreditException(customerId, amount, available());
        }
        held = held().plus(amount).amount();
        updatedAt = now;
    }

    /** The gateway charged a held amount: it leaves the balance. */
    public void chargeHeld(Money amount, Instant now) {
        takeFromHeld(amount);
        balance = balance().minus(amount).amount();
        updatedAt = now;
    }

    /** Nothing was charged for a held amount: it is available again. */
    public void releaseHold(Money amount, Instant now) {
        takeFromHeld(amount);
        updatedAt = now;
    }

    private void takeFromHeld(Money amount) {
        if (!currency.equals(amount.currency()) || held().compareTo(amount) < 0) {
            throw new IllegalStateException("account " + customerId + " holds " + held() + ", not " + amount);
        }
        held = held().minus(amount).amount();
    }

    /** Gives the amount of a refunded charge back. */
    public void restore(Money amount, Instant now) {
        Money after = balance().plus(amount);
        if (after.compareTo(creditLimit()) > 0) {
            throw new IllegalStateException("restoring " + amount + " to " + customerId + " would exceed its limit "
                    + creditLimit() + ": it was never charged");
        }
        balance = after.amount();
        updatedAt = now;
    }

    /**
     * Sets a new limit; balance and available credit move by the difference. A limit below what is in use is
     * refused, since the payments that charged or hold it cannot be taken back.
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
        balance = balance().plus(difference).amount();
        creditLimit = newLimit.amount();
        updatedAt = now;
        return difference;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of a customer's balance (what charges left of the credit limit) and the balance after it. Holds of
 * pending payments are not entries: they end as a charge or come to nothing. The ledger is append-only (a database
 * trigger refuses updates and deletes), so it can always explain how an account got where it is.
 */
public class LedgerEntry {

    /** What changed the available credit. */
    public enum Kind { CHARGE, REFUND, LIMIT_CHANGE }

    private UUID id;
    private String customerId;
    private Kind kind;
    /** The change of the balance: negative for a charge, positive for a refund. */
    private BigDecimal amount;
    /** The balance after the change (column {@code available_after}). */
    private BigDecimal availableAfter;
    private String currency;
    private UUID orderId;
    private UUID paymentId;
    private Instant createdAt;

    private LedgerEntry() {
    }

    private LedgerEntry(CreditAccount account, Kind kind, Money change, Payment payment, Instant now) {
        this.id = UUID.randomUUID();
        this.customerId = account.customerId();
        this.kind = kind;
        this.amount = change.amount();
        this.availableAfter = account.balance().amount();
        this.currency = change.currency();
        this.orderId = payment == null ? null : payment.orderId();
        this.paymentId = payment == null ? null : payment.id();
        this.createdAt = now;
    }

    /** An entry as it was stored, for the store to hand out. */
    public static LedgerEntry restore(UUID id, String customerId, Kind kind, Money amount, Money availableAfter,
            UUID orderId, UUID paymentId, Instant createdAt) {
        LedgerEntry entry = new LedgerEntry();
        entry.id = Objects.requireNonNull(id, "id");
        entry.customerId = Objects.requireNonNull(customerId, "customerId");
        entry.kind = Objects.requireNonNull(kind, "kind");
        entry.amount = amount.amount();
        entry.availableAfter = availableAfter.amount();
        entry.currency = amount.currency();
        entry.orderId = orderId;
        entry.paymentId = paymentId;
        entry.createdAt = createdAt;
        return entry;
    }

    /** Records a charge, after the account's balance was charged. */
    public static LedgerEntry charge(CreditAccount account, Payment payment, Instant now) {
        return new LedgerEntry(account, Kind.CHARGE, Money.zero(payment.amount().currency()).minus(payment.amount()),
                payment, now);
    }

    /** Records a refund, after the account got the amount back. */
    public static LedgerEntry refund(CreditAccount account, Payment payment, Instant now) {
        return new LedgerEntry(account, Kind.REFUND, payment.amount(), payment, now);
    }

    /** Records a change of the credit limit, after it was applied. */
    public static LedgerEntry limitChange(CreditAccount account, Money balanceChange, Instant now) {
        return new LedgerEntry(account, Kind.LIMIT_CHANGE, balanceChange, null, now);
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public Kind kind() {
        return kind;
    }

    public Money amount() {
        return new Money(amount, currency);
    }

    public Money availableAfter() {
        return new Money(availableAfter, currency);
    }

    /** The order whose payment made the change; null for a change of the limit. */
    public UUID orderId() {
        return orderId;
    }

    /** The payment that made the change; null for a change of the limit. */
    public UUID paymentId() {
        return paymentId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

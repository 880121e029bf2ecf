package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of a customer's balance (what charges left of the credit limit) and the balance after it. Holds of
 * pending payments are not entries: they end as a charge or come to nothing. The ledger is append-only (a database
 * trigger refuses updates and deletes), so it can always explain how an account got where it is.
 */
@Entity
@Immutable
@Table(name = "ledger_entries")
public class LedgerEntry {

    /** What changed the available credit. */
    public enum Kind { CHARGE, REFUND, LIMIT_CHANGE }

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private String customerId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    /** The change of the balance: negative for a charge, positive for a refund. */
    private BigDecimal amount;

    @Column(name = "available_after")
    private BigDecimal availableAfter;

    private String currency;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "payment_id")
    private UUID paymentId;

    @Column(name = "created_at")
    private Instant createdAt;

    protected LedgerEntry() {
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

    public Kind kind() {
        return kind;
    }

    public Money amount() {
        return new Money(amount, currency);
    }

    public Money availableAfter() {
        return new Money(availableAfter, currency);
    }

    public UUID orderId() {
        return orderId;
    }
}

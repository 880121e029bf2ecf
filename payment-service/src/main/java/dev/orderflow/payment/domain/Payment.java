package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The one payment of an order: what was asked, and what came of it (authorized, declined, refunded). */
@Entity
@Table(name = "payments")
public class Payment {

    private static final int MAX_DETAIL = 500;

    @Id
    private UUID id;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "customer_id")
    private String customerId;

    private BigDecimal amount;

    private String currency;

    @Enumerated(EnumType.STRING)
    private PaymentStatus status;

    @Enumerated(EnumType.STRING)
    private DeclineReason reason;

    private String detail;

    @Column(name = "charge_id")
    private String chargeId;

    @Column(name = "refund_id")
    private String refundId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "reconciled_at")
    private Instant reconciledAt;

    @Version
    private long version;

    protected Payment() {
    }

    private Payment(UUID orderId, String customerId, Money amount, PaymentStatus status, DeclineReason reason,
            String detail, String chargeId, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = amount.amount();
        this.currency = amount.currency();
        this.status = status;
        this.reason = reason;
        this.detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        this.chargeId = chargeId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The gateway took the amount under this charge. */
    public static Payment authorized(UUID orderId, String customerId, Money amount, String chargeId, Instant now) {
        return new Payment(orderId, customerId, amount, PaymentStatus.AUTHORIZED, null, "",
                Objects.requireNonNull(chargeId, "chargeId"), now);
    }

    /** Nothing was taken, for this reason. */
    public static Payment declined(UUID orderId, String customerId, Money amount, DeclineReason reason, String detail,
            Instant now) {
        return new Payment(orderId, customerId, amount, PaymentStatus.DECLINED, Objects.requireNonNull(reason, "reason"),
                detail, null, now);
    }

    /** The authorized amount went back to the customer. */
    public PaymentRefunded refunded(String refundId, Instant now) {
        if (status != PaymentStatus.AUTHORIZED) {
            throw new IllegalStateException("payment " + id + " is " + status + "; only an authorized one is refunded");
        }
        this.status = PaymentStatus.REFUNDED;
        this.refundId = Objects.requireNonNull(refundId, "refundId");
        this.updatedAt = now;
        return new PaymentRefunded(orderId, id, amount());
    }

    /**
     * Notes that the gateway was checked for a charge of this declined payment's order. The gateway may hold one: it
     * may have finished a charge after we stopped waiting, or a charge may have gone through before a failed commit
     * whose redelivery was then declined.
     */
    public void reconciled(Instant now) {
        if (status != PaymentStatus.DECLINED) {
            throw new IllegalStateException("payment " + id + " is " + status + "; only a declined one is reconciled");
        }
        this.reconciledAt = now;
        this.updatedAt = now;
    }

    /**
     * The answer to an authorization request for this payment's order, the same every time it is asked: what was
     * decided the first time. A refunded payment closed its order, so it no longer authorizes anything.
     */
    public PaymentEvent outcome() {
        return switch (status) {
            case AUTHORIZED -> new PaymentAuthorized(orderId, id, amount());
            case DECLINED -> new PaymentDeclined(orderId, reason, detail);
            case REFUNDED -> new PaymentDeclined(orderId, DeclineReason.ORDER_CLOSED,
                    "the payment of this order was refunded");
        };
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Money amount() {
        return new Money(amount, currency);
    }

    public PaymentStatus status() {
        return status;
    }

    /** Why it was declined; null unless {@link PaymentStatus#DECLINED}. */
    public DeclineReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** The gateway's charge; null for a declined payment. */
    public String chargeId() {
        return chargeId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

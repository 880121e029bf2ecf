package dev.orderflow.console.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.payment.Screening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One message of an order's saga as the console keeps it: which order, what happened, who said so and when.
 *
 * @param messageId  the message's {@code ce_id}
 * @param type       the message's record name, e.g. {@code StockReserved}
 * @param service    the service that wrote it, from {@code ce_source}
 * @param at         when its producer appended it ({@code ce_time})
 * @param detail     what an operator needs beside the step (a reason, the shortages, an amount); may be empty
 * @param customerId the order's customer, if this message names it
 * @param total      the order's total, if this message names it
 */
public record Milestone(UUID orderId, String messageId, String type, Step step, String service, String topic,
        Instant at, String detail, String customerId, Money total) {

    private static final String SOURCE_PREFIX = "/orderflow/";
    /** Longer details (an order short of many products) are cut here: the console shows, it does not archive. */
    static final int MAX_DETAIL = 500;

    public Milestone {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "\u2026" : detail;
    }

    /**
     * The milestone a message of the saga's topics marks.
     *
     * @param message a record of {@link OrderEvent}, {@link InventoryCommand}, {@link InventoryEvent},
     *                {@link PaymentCommand} or {@link PaymentEvent}
     * @param source  its {@code ce_source}, e.g. {@code /orderflow/inventory-service}
     */
    public static Milestone of(Object message, String messageId, String source, String topic, Instant at) {
        String service = source.startsWith(SOURCE_PREFIX) ? source.substring(SOURCE_PREFIX.length()) : source;
        Fact fact = switch (message) {
            case OrderPlaced placed -> new Fact(placed.orderId(), Step.PLACED,
                    placed.lines().size() + (placed.lines().size() == 1 ? " line" : " lines"),
                    placed.customerId(), placed.total());
            case OrderConfirmed confirmed -> new Fact(confirmed.orderId(), Step.CONFIRMED, "",
                    confirmed.customerId(), confirmed.total());
            case OrderRejected rejected -> new Fact(rejected.orderId(), Step.REJECTED, rejected.reason().name(),
                    rejected.customerId(), null);
            case OrderCancelled cancelled -> new Fact(cancelled.orderId(), Step.CANCELLED,
                    cancelled.reason().name(), cancelled.customerId(), null);
            case ReserveStock reserve -> new Fact(reserve.orderId(), Step.RESERVING_STOCK, lines(reserve.lines()),
                    null, null);
            case ReleaseStock release -> new Fact(release.orderId(), Step.RELEASING_STOCK, "", null, null);
            case CommitStock commit -> new Fact(commit.orderId(), Step.COMMITTING_STOCK, "", null, null);
            case StockReserved reserved -> new Fact(reserved.orderId(), Step.STOCK_RESERVED, lines(reserved.lines()),
                    null, null);
            case StockRejected rejected -> new Fact(rejected.orderId(), Step.STOCK_REJECTED,
                    rejected.shortages().stream()
                            .map(s -> s.sku() + ": " + s.requested() + " asked, " + s.available() + " available")
                            .collect(Collectors.joining(", ")), null, null);
            case StockReleased released -> new Fact(released.orderId(), Step.STOCK_RELEASED, lines(released.lines()),
                    null, null);
            case StockCommitted committed -> new Fact(committed.orderId(), Step.STOCK_COMMITTED,
                    lines(committed.lines()), null, null);
            case AuthorizePayment authorize -> new Fact(authorize.orderId(), Step.AUTHORIZING_PAYMENT,
                    authorize.amount().toString(), authorize.customerId(), authorize.amount());
            case RefundPayment refund -> new Fact(refund.orderId(), Step.REFUNDING_PAYMENT, refund.reason().name(),
                    null, null);
            case PaymentAuthorized authorized -> new Fact(authorized.orderId(), Step.PAYMENT_AUTHORIZED,
                    authorized.amount().toString() + screened(authorized.screening()), null, null);
            case PaymentDeclined declined -> new Fact(declined.orderId(), Step.PAYMENT_DECLINED,
                    (declined.detail().isBlank() ? declined.reason().name()
                            : declined.reason().name() + ": " + declined.detail()) + screened(declined.screening()),
                    null, null);
            case PaymentRefunded refunded -> new Fact(refunded.orderId(), Step.PAYMENT_REFUNDED,
                    refunded.amount().toString(), null, null);
            default -> throw new IllegalArgumentException(
                    "not a message of the place-order saga: " + message.getClass().getName());
        };
        return new Milestone(fact.orderId(), messageId, message.getClass().getSimpleName(), fact.step(), service,
                topic, at, fact.detail(), fact.customerId(), fact.total());
    }

    private static String lines(List<StockLine> lines) {
        return lines.stream().map(line -> line.quantity() + " x " + line.sku()).collect(Collectors.joining(", "));
    }

    private record Fact(UUID orderId, Step step, String detail, String customerId, Money total) {
    }

    /** The payment's screening as an operator reads it beside its outcome; empty if it was not screened. */
    private static String screened(Screening screening) {
        if (screening == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (screening score %.3f, threshold %.3f, %s, %s%s)", screening.score(),
                screening.threshold(), screening.model(), screening.mode().name().toLowerCase(Locale.ROOT),
                screening.suspected() ? ", suspected" : "");
    }
}

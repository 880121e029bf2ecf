package dev.orderflow.order.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A customer's order, event-sourced: every decision is an {@link OrderEvent}, and the state is what those events
 * add up to. Commands check the rules against the current state, then record an event and apply it.
 */
public final class Order {

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 1000;

    private final UUID id;
    private String customerId;
    private List<OrderLine> lines = List.of();
    private Money total;
    private OrderStatus status;
    private RejectionReason failureReason;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;
    private final List<OrderEvent> changes = new ArrayList<>();

    private Order(UUID id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** A new PENDING order. Lines carry catalog prices; the rules on lines and quantities are checked here. */
    public static Order place(UUID id, String customerId, List<OrderLine> lines, Instant at) {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidOrderException("an order needs a customer");
        }
        if (lines == null || lines.isEmpty()) {
            throw new InvalidOrderException("an order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidOrderException("an order has at most " + MAX_LINES + " lines, not " + lines.size());
        }
        Set<String> skus = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (OrderLine line : lines) {
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new InvalidOrderException("quantity of " + line.sku() + " must be between 1 and "
                        + MAX_QUANTITY + ", not " + line.quantity());
            }
            if (!skus.add(line.sku())) {
                duplicates.add(line.sku());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidOrderException("each SKU may appear on one line only; repeated: " + duplicates);
        }
        if (lines.stream().map(line -> line.unitPrice().currency()).distinct().count() > 1) {
            throw new InvalidOrderException("all lines of an order must be priced in one currency");
        }
        Money total = lines.stream().map(OrderLine::subtotal).reduce(Money::plus).orElseThrow();
        List<OrderPlaced.Line> placed = lines.stream()
                .map(line -> new OrderPlaced.Line(line.sku(), line.quantity(), line.unitPrice()))
                .toList();
        Order order = new Order(id);
        order.record(new OrderPlaced(id, customerId, placed, total, at));
        return order;
    }

    /** The order as its history says it is. The history must start with its OrderPlaced. */
    public static Order rebuild(UUID id, Collection<? extends OrderEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("order " + id + " has no history");
        }
        Order order = new Order(id);
        history.forEach(order::apply);
        return order;
    }

    /** Payment authorized and stock reserved: PENDING becomes CONFIRMED. */
    public void confirm(Instant at) {
        require(status == OrderStatus.PENDING, "confirmed");
        record(new OrderConfirmed(id, customerId, total, at));
    }

    /** The saga could not complete the order. Only a PENDING order can be rejected. */
    public void reject(RejectionReason reason, Instant at) {
        Objects.requireNonNull(reason, "reason");
        require(status == OrderStatus.PENDING, "rejected");
        record(new OrderRejected(id, customerId, reason, at));
    }

    /** The customer changed their mind: a PENDING or CONFIRMED order becomes CANCELLED. */
    public void cancel(Instant at) {
        require(isCancellable(), "cancelled");
        record(new OrderCancelled(id, customerId, RejectionReason.CUSTOMER_CANCELLED, at));
    }

    public boolean isCancellable() {
        return status == OrderStatus.PENDING || status == OrderStatus.CONFIRMED;
    }

    private void require(boolean allowed, String attempted) {
        if (!allowed) {
            throw new OrderStateException(id, status, attempted);
        }
    }

    private void record(OrderEvent event) {
        apply(event);
        changes.add(event);
    }

    private void apply(OrderEvent event) {
        if (!event.orderId().equals(id)) {
            throw new IllegalArgumentException("event of order " + event.orderId() + " applied to order " + id);
        }
        if (version == 0 && !(event instanceof OrderPlaced)) {
            throw new IllegalStateException("history of order " + id + " starts with " + event.getClass().getSimpleName());
        }
        switch (event) {
            case OrderPlaced placed -> {
                if (version != 0) {
                    throw new IllegalStateException("order " + id + " placed twice");
                }
                customerId = placed.customerId();
                lines = placed.lines().stream()
                        .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice()))
                        .toList();
                total = placed.total();
                status = OrderStatus.PENDING;
                createdAt = placed.occurredAt();
            }
            case OrderConfirmed confirmed -> status = OrderStatus.CONFIRMED;
            case OrderRejected rejected -> {
                status = OrderStatus.REJECTED;
                failureReason = rejected.reason();
            }
            case OrderCancelled cancelled -> {
                status = OrderStatus.CANCELLED;
                failureReason = cancelled.reason();
            }
        }
        updatedAt = event.occurredAt();
        version++;
    }

    /** Events recorded since the order was loaded, oldest first, not yet stored. */
    public List<OrderEvent> changes() {
        return List.copyOf(changes);
    }

    /** The version the stored history had when this order was loaded (0 for a new order). */
    public long loadedVersion() {
        return version - changes.size();
    }

    /** Called by the store once the changes are appended. */
    public void markStored() {
        changes.clear();
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public OrderStatus status() {
        return status;
    }

    /** Why the order was rejected or cancelled; null while PENDING or CONFIRMED. */
    public RejectionReason failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** How many events the order's history has, counting unstored changes: the version of its last event. */
    public long version() {
        return version;
    }
}

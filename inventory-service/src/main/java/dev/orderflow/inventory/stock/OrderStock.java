package dev.orderflow.inventory.stock;

import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationLine;
import dev.orderflow.inventory.store.Products;
import dev.orderflow.inventory.store.Reservations;
import dev.orderflow.inventory.store.StockMovements;
import dev.orderflow.messaging.Outbox;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stock side of the place-order saga: reserving an order's lines, committing them when it is confirmed,
 * releasing them when it fails or is cancelled. Each command is one transaction that changes the stock and
 * appends the reply for the saga to the outbox, keyed by order id.
 */
@Component
public class OrderStock {

    private final Products products;
    private final Reservations reservations;
    private final StockMovements movements;
    private final Outbox outbox;
    private final EntityManager entityManager;

    OrderStock(Products products, Reservations reservations, StockMovements movements, Outbox outbox,
            EntityManager entityManager) {
        this.products = products;
        this.entityManager = entityManager;
        this.reservations = reservations;
        this.movements = movements;
        this.outbox = outbox;
    }

    /**
     * Reserves every line or none. An order that asked before gets the answer it got then, whatever it asks
     * now: an order reserves once.
     */
    @Transactional
    public InventoryEvent reserve(ReserveStock command) {
        UUID orderId = command.orderId();
        Optional<Reservation> earlier = reservations.findById(orderId);
        if (earlier.isPresent()) {
            return reply(orderId, outcomeOf(earlier.get()));
        }
        List<ReservationLine> requested = command.lines().stream()
                .map(line -> new ReservationLine(line.sku(), line.quantity()))
                .toList();
        Map<String, Product> locked = lockInSkuOrder(Reservation.lockOrder(requested));
        Reservation reservation = Reservation.reserve(orderId, requested, locked, movements.ledger());
        // Two deliveries of one order racing past the check above both get here. Persisting (never merging)
        // makes the second insert run into the primary key and roll back; its retry finds the first answer.
        entityManager.persist(reservation);
        reservations.flush();
        return reply(orderId, outcomeOf(reservation));
    }

    /**
     * Gives back what the order holds; an order that holds nothing gets an empty answer. An order never seen
     * before is remembered as released, so that its reservation, should it still arrive, reserves nothing.
     */
    @Transactional
    public InventoryEvent release(ReleaseStock command) {
        UUID orderId = command.orderId();
        Optional<Reservation> reservation = reservations.lock(orderId);
        if (reservation.isEmpty()) {
            entityManager.persist(Reservation.releasedBeforeReserving(orderId));
            reservations.flush();
            return reply(orderId, new StockReleased(orderId, List.of()));
        }
        List<ReservationLine> givenBack = reservation.get()
                .release(lockInSkuOrder(reservation.get()), movements.ledger());
        return reply(orderId, new StockReleased(orderId, stockLines(givenBack)));
    }

    /** Sells what the order holds reserved; an order that holds no reserved stock gets an empty answer. */
    @Transactional
    public InventoryEvent commit(CommitStock command) {
        UUID orderId = command.orderId();
        List<ReservationLine> committed = reservations.lock(orderId)
                .map(reservation -> reservation.commit(lockInSkuOrder(reservation), movements.ledger()))
                .orElse(List.of());
        return reply(orderId, new StockCommitted(orderId, stockLines(committed)));
    }

    private Map<String, Product> lockInSkuOrder(Reservation reservation) {
        return reservation.holdsStock() ? lockInSkuOrder(Reservation.lockOrder(reservation.lines())) : Map.of();
    }

    private Map<String, Product> lockInSkuOrder(Collection<String> skus) {
        return products.lockAllInSkuOrder(skus).stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    private static InventoryEvent outcomeOf(Reservation reservation) {
        return switch (reservation.status()) {
            case REJECTED -> new StockRejected(reservation.orderId(), reservation.shortages().stream()
                    .map(s -> new StockRejected.Shortage(s.sku(), s.requested(), s.available()))
                    .toList());
            // Sold or released since: the answer to the reservation itself is still that it was made.
            case RESERVED, COMMITTED -> new StockReserved(reservation.orderId(), stockLines(reservation.lines()));
            // Unless it was released before it was ever reserved: that order is over and gets nothing.
            case RELEASED -> reservation.wasReserved()
                    ? new StockReserved(reservation.orderId(), stockLines(reservation.lines()))
                    : new StockRejected(reservation.orderId(), List.of());
        };
    }

    private InventoryEvent reply(UUID orderId, InventoryEvent reply) {
        outbox.append(orderId.toString(), reply);
        return reply;
    }

    private static List<StockLine> stockLines(List<ReservationLine> lines) {
        return lines.stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }
}

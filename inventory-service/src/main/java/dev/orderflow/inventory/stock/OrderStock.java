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
import dev.orderflow.inventory.domain.ReservationStatus;
import dev.orderflow.inventory.domain.StockMovement;
import dev.orderflow.inventory.store.Products;
import dev.orderflow.inventory.store.Reservations;
import dev.orderflow.inventory.store.StockMovements;
import dev.orderflow.messaging.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
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

    OrderStock(Products products, Reservations reservations, StockMovements movements, Outbox outbox) {
        this.products = products;
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
        List<StockMovement> moved = new ArrayList<>();
        Reservation reservation = Reservation.reserve(orderId, requested, locked, moved::add);
        // Two deliveries of one order racing past the check above both get here: the second insert runs into the
        // primary key and rolls back; its retry finds the first answer.
        reservations.insert(reservation);
        store(locked, moved);
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
            reservations.insert(Reservation.releasedBeforeReserving(orderId));
            return reply(orderId, new StockReleased(orderId, List.of()));
        }
        ReservationStatus before = reservation.get().status();
        Map<String, Product> locked = lockInSkuOrder(reservation.get());
        List<StockMovement> moved = new ArrayList<>();
        List<ReservationLine> givenBack = reservation.get().release(locked, moved::add);
        if (reservation.get().status() != before) {
            reservations.updateStatus(reservation.get());
        }
        store(locked, moved);
        return reply(orderId, new StockReleased(orderId, stockLines(givenBack)));
    }

    /** Sells what the order holds reserved; an order that holds no reserved stock gets an empty answer. */
    @Transactional
    public InventoryEvent commit(CommitStock command) {
        UUID orderId = command.orderId();
        Optional<Reservation> reservation = reservations.lock(orderId);
        if (reservation.isEmpty()) {
            return reply(orderId, new StockCommitted(orderId, List.of()));
        }
        Map<String, Product> locked = lockInSkuOrder(reservation.get());
        List<StockMovement> moved = new ArrayList<>();
        List<ReservationLine> committed = reservation.get().commit(locked, moved::add);
        if (!committed.isEmpty()) {
            reservations.updateStatus(reservation.get());
        }
        store(locked, moved);
        return reply(orderId, new StockCommitted(orderId, stockLines(committed)));
    }

    /** Writes back the locked products that moved stock, and their movements to the ledger. */
    private void store(Map<String, Product> locked, List<StockMovement> moved) {
        products.update(moved.stream().map(StockMovement::sku).distinct().map(locked::get).toList());
        movements.append(moved);
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

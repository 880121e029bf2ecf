package dev.orderflow.inventory.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One order's claim on stock. An order reserves all its lines or none, once: the reservation is kept whatever
 * the outcome, so asking again answers the same and never reserves twice.
 *
 * <p>The methods that move stock take the order's products already locked: the caller is responsible for
 * locking them in SKU order, so that concurrent reservations never deadlock and never oversell.
 */
public class Reservation {

    private final UUID orderId;
    private ReservationStatus status;
    private final List<ReservationLine> lines;
    private final List<Shortage> shortages;

    private Reservation(UUID orderId, ReservationStatus status, List<ReservationLine> lines, List<Shortage> shortages) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.status = status;
        this.lines = new ArrayList<>(lines);
        this.shortages = new ArrayList<>(shortages);
    }

    /** A reservation as it was stored, for the store to hand out; its changes go back through the store. */
    public static Reservation restore(UUID orderId, ReservationStatus status, List<ReservationLine> lines,
            List<Shortage> shortages) {
        return new Reservation(orderId, status, lines, shortages);
    }

    /** The SKUs of these lines in the order their products must be locked. */
    public static SortedSet<String> lockOrder(Collection<ReservationLine> lines) {
        TreeSet<String> skus = new TreeSet<>();
        lines.forEach(line -> skus.add(line.sku()));
        return skus;
    }

    /**
     * Reserves every requested line, or none when any is short. Lines of the same SKU count together.
     *
     * @param products the locked products of the requested SKUs, by SKU; an unknown SKU is simply absent
     */
    public static Reservation reserve(UUID orderId, List<ReservationLine> requested, Map<String, Product> products,
            Ledger ledger) {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("nothing to reserve");
        }
        List<ReservationLine> wanted = merged(requested);
        List<Shortage> shortages = new ArrayList<>();
        for (ReservationLine line : wanted) {
            Product product = products.get(line.sku());
            if (product == null || !product.canReserve(line.quantity())) {
                shortages.add(new Shortage(line.sku(), line.quantity(), product == null ? 0 : product.available()));
            }
        }
        if (!shortages.isEmpty()) {
            return new Reservation(orderId, ReservationStatus.REJECTED, List.of(), shortages);
        }
        for (ReservationLine line : wanted) {
            products.get(line.sku()).reserve(line.quantity(), orderId, ledger);
        }
        return new Reservation(orderId, ReservationStatus.RESERVED, wanted, List.of());
    }

    /**
     * The saga gave up on an order before its reservation came through (a reservation stuck in retries or
     * dead-lettered, say). Remembering that keeps a late reservation from holding stock for an order that is
     * over: reserving it answers a rejection with no shortages.
     */
    public static Reservation releasedBeforeReserving(UUID orderId) {
        return new Reservation(orderId, ReservationStatus.RELEASED, List.of(), List.of());
    }

    /** Whether stock was ever reserved for the order, whatever became of it. */
    public boolean wasReserved() {
        return !lines.isEmpty();
    }

    /**
     * Gives back whatever the order holds: reserved units to available, and sold units too when the order was
     * committed (a confirmed order being cancelled). Answers the lines given back, none when it held nothing.
     */
    public List<ReservationLine> release(Map<String, Product> products, Ledger ledger) {
        List<ReservationLine> givenBack = switch (status) {
            case RESERVED -> {
                lines.forEach(line -> product(products, line).release(line.quantity(), orderId, ledger));
                yield lines();
            }
            case COMMITTED -> {
                lines.forEach(line -> product(products, line).takeBack(line.quantity(), orderId, ledger));
                yield lines();
            }
            case RELEASED, REJECTED -> List.of();
        };
        if (status != ReservationStatus.REJECTED) {
            status = ReservationStatus.RELEASED;
        }
        return givenBack;
    }

    /**
     * Turns the reserved lines into sold ones. Answers the lines committed, none unless the order held reserved
     * stock.
     */
    public List<ReservationLine> commit(Map<String, Product> products, Ledger ledger) {
        if (status != ReservationStatus.RESERVED) {
            return List.of();
        }
        lines.forEach(line -> product(products, line).commit(line.quantity(), orderId, ledger));
        status = ReservationStatus.COMMITTED;
        return lines();
    }

    /** Whether the order holds stock, reserved or sold. */
    public boolean holdsStock() {
        return status == ReservationStatus.RESERVED || status == ReservationStatus.COMMITTED;
    }

    private Product product(Map<String, Product> products, ReservationLine line) {
        Product product = products.get(line.sku());
        if (product == null) {
            throw new IllegalStateException("product " + line.sku() + " of order " + orderId + " is not locked");
        }
        return product;
    }

    private static List<ReservationLine> merged(List<ReservationLine> requested) {
        TreeMap<String, Integer> bySku = new TreeMap<>();
        // A total beyond int cannot be served anyway; saturating keeps it a plain shortage.
        requested.forEach(line -> bySku.merge(line.sku(), line.quantity(),
                (a, b) -> (int) Math.min((long) a + b, Integer.MAX_VALUE)));
        return bySku.entrySet().stream().map(e -> new ReservationLine(e.getKey(), e.getValue())).toList();
    }

    public UUID orderId() {
        return orderId;
    }

    public ReservationStatus status() {
        return status;
    }

    /** What the order holds or held, by SKU; empty when it was rejected. */
    public List<ReservationLine> lines() {
        // Sorted here rather than by the database's collation, so a repeated answer reads like the first one.
        return lines.stream().sorted(Comparator.comparing(ReservationLine::sku)).toList();
    }

    /** Why nothing was reserved, when it was rejected; by SKU. */
    public List<Shortage> shortages() {
        return shortages.stream().sorted(Comparator.comparing(Shortage::sku)).toList();
    }
}

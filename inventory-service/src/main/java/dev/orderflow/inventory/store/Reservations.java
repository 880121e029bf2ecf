package dev.orderflow.inventory.store;

import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationLine;
import dev.orderflow.inventory.domain.ReservationStatus;
import dev.orderflow.inventory.domain.Shortage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reservations by order id, with their lines and shortages. The primary key on the order id is what makes a second
 * reservation for one order impossible: {@link #insert} of a second one fails with a {@code DuplicateKeyException}.
 */
@Repository
public class Reservations {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    Reservations(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    public Optional<Reservation> findById(UUID orderId) {
        return find(orderId, "SELECT status FROM reservation WHERE order_id = ?");
    }

    /** The reservation, locked until the transaction ends: one command at a time changes it. */
    public Optional<Reservation> lock(UUID orderId) {
        return find(orderId, "SELECT status FROM reservation WHERE order_id = ? FOR UPDATE");
    }

    private Optional<Reservation> find(UUID orderId, String statusQuery) {
        Optional<ReservationStatus> status = jdbc.sql(statusQuery).param(orderId)
                .query((row, number) -> ReservationStatus.valueOf(row.getString("status"))).optional();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        List<ReservationLine> lines = jdbc.sql("SELECT sku, quantity FROM reservation_line WHERE order_id = ?")
                .param(orderId)
                .query((row, number) -> new ReservationLine(row.getString("sku"), row.getInt("quantity"))).list();
        // Only a rejected reservation has shortages.
        List<Shortage> shortages = status.get() != ReservationStatus.REJECTED ? List.of() : jdbc.sql(
                        "SELECT sku, requested, available FROM reservation_shortage WHERE order_id = ?")
                .param(orderId)
                .query((row, number) -> new Shortage(row.getString("sku"), row.getInt("requested"),
                        row.getInt("available")))
                .list();
        return Optional.of(Reservation.restore(orderId, status.get(), lines, shortages));
    }

    /** Stores a new reservation with its lines and shortages, in the caller's transaction. */
    public void insert(Reservation reservation) {
        UUID orderId = reservation.orderId();
        jdbc.sql("INSERT INTO reservation (order_id, status, created_at, updated_at) VALUES (?, ?, now(), now())")
                .params(orderId, reservation.status().name())
                .update();
        if (!reservation.lines().isEmpty()) {
            batches.batchUpdate("INSERT INTO reservation_line (order_id, sku, quantity) VALUES (?, ?, ?)",
                    reservation.lines().stream()
                            .map(line -> new Object[] {orderId, line.sku(), line.quantity()}).toList());
        }
        if (!reservation.shortages().isEmpty()) {
            batches.batchUpdate("INSERT INTO reservation_shortage (order_id, sku, requested, available) "
                            + "VALUES (?, ?, ?, ?)",
                    reservation.shortages().stream().map(shortage -> new Object[] {orderId, shortage.sku(),
                            shortage.requested(), shortage.available()}).toList());
        }
    }

    /** Writes back the status of a reservation read with {@link #lock} in this transaction. */
    public void updateStatus(Reservation reservation) {
        int updated = jdbc.sql("UPDATE reservation SET status = ?, updated_at = now() WHERE order_id = ?")
                .params(reservation.status().name(), reservation.orderId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("reservation " + reservation.orderId() + " locked in this transaction is "
                    + "gone");
        }
    }
}

package dev.orderflow.inventory.store;

import dev.orderflow.inventory.domain.Reservation;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Optional;
import java.util.UUID;

/** Reservations by order id. */
public interface Reservations extends Repository<Reservation, UUID> {

    Optional<Reservation> findById(UUID orderId);

    void flush();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reservation r where r.orderId = :orderId")
    Optional<Reservation> lock(UUID orderId);
}

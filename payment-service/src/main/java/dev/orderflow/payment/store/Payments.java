package dev.orderflow.payment.store;

import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.domain.PaymentHistory;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface Payments extends ListCrudRepository<Payment, UUID>, PaymentHistory {

    Optional<Payment> findByOrderId(UUID orderId);

    /** The order's payment, locked until the transaction ends (a refund must not race another refund). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.orderId = :orderId")
    Optional<Payment> findByOrderIdForUpdate(UUID orderId);

    /** The payment, locked until the transaction ends (its settlement must not race a refund or another worker). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.id = :id")
    Optional<Payment> findByIdForUpdate(UUID id);

    List<Payment> findAllByOrderIdOrderByCreatedAt(UUID orderId);

    /** Payments declined between the two instants and not yet checked against the gateway. */
    @Query("""
            select p.id from Payment p
            where p.status = dev.orderflow.payment.domain.PaymentStatus.DECLINED
              and p.reconciledAt is null and p.updatedAt >= :from and p.updatedAt < :to
            order by p.updatedAt""")
    List<UUID> findToReconcile(Instant from, Instant to, Limit limit);

    @Query("select count(p) from Payment p where p.status = dev.orderflow.payment.domain.PaymentStatus.PENDING")
    long countPending();

    long countByCustomerIdAndCreatedAtGreaterThanEqual(String customerId, Instant since);

    @Override
    default long paymentsSince(String customerId, Instant since) {
        return countByCustomerIdAndCreatedAtGreaterThanEqual(customerId, since);
    }
}

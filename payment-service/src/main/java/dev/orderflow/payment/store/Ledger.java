package dev.orderflow.payment.store;

import dev.orderflow.payment.domain.LedgerEntry;
import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.UUID;

/** The append-only ledger: entries are added and read, never changed. */
public interface Ledger extends Repository<LedgerEntry, UUID> {

    LedgerEntry save(LedgerEntry entry);

    List<LedgerEntry> findAllByOrderIdOrderByCreatedAt(UUID orderId);

    List<LedgerEntry> findAllByCustomerIdOrderByCreatedAt(String customerId);
}

package dev.orderflow.inventory.store;

import dev.orderflow.inventory.domain.Ledger;
import dev.orderflow.inventory.domain.StockMovement;
import org.springframework.data.repository.Repository;

import java.util.List;

/** The stock ledger as stored: appended to, read back per SKU, oldest first. */
public interface StockMovements extends Repository<StockMovement, Long> {

    StockMovement save(StockMovement movement);

    List<StockMovement> findBySkuOrderById(String sku);

    /** Writes movements to this store, in the caller's transaction. */
    default Ledger ledger() {
        return this::save;
    }
}

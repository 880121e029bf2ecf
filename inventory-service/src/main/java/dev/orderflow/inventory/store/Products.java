package dev.orderflow.inventory.store;

import dev.orderflow.inventory.domain.Product;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The products. Stock is only ever changed on rows obtained through the {@code lock} methods. */
public interface Products extends Repository<Product, String> {

    Optional<Product> findById(String sku);

    boolean existsById(String sku);

    List<Product> findAllByOrderBySku();

    void flush();

    /**
     * {@code SELECT ... FOR UPDATE} in SKU order: every transaction that locks several products takes them in
     * the same order, so two of them never wait for each other in a circle.
     *
     * <p>Native SQL: Hibernate does not cache its translation of a query that has both a lock and a collection
     * parameter, and translating this one again at every reservation was a quarter of inventory's time in
     * Hibernate (docs/benchmarks.md).
     */
    @NativeQuery("select * from product where sku in (:skus) order by sku for update")
    List<Product> lockAllInSkuOrder(Collection<String> skus);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku = :sku")
    Optional<Product> lock(String sku);
}

package dev.orderflow.order.placing;

import dev.orderflow.order.domain.CatalogProduct;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.Orders;
import dev.orderflow.order.saga.PlaceOrderSagas;
import dev.orderflow.order.store.CatalogReplica;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Places orders: prices the lines from the catalog replica, stores {@code OrderPlaced} and starts the saga
 * ({@code ReserveStock}), all in one transaction; so a refused request stores nothing.
 */
@Component
public class OrderPlacement {

    private final CatalogReplica catalog;
    private final Orders orders;
    private final PlaceOrderSagas sagas;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    OrderPlacement(CatalogReplica catalog, Orders orders, PlaceOrderSagas sagas, IdempotencyKeys idempotencyKeys,
                   Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.sagas = sagas;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /** The order placed now, or with an Idempotency-Key already used for this request, the order it placed. */
    @Transactional
    public Placed place(PlaceOrder request, String idempotencyKey) {
        Instant now = clock.instant();
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey != null) {
            String fingerprint = request.fingerprint();
            if (!idempotencyKeys.claim(idempotencyKey, fingerprint, orderId, now)) {
                IdempotencyKeys.ClaimedKey claimed = idempotencyKeys.find(idempotencyKey);
                if (!claimed.fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReusedException(idempotencyKey);
                }
                return new Placed(orders.get(claimed.orderId()), true);
            }
        }
        Order order = Order.place(orderId, request.customerId(), priced(request.items()), now);
        orders.save(order);
        sagas.begin(order);
        return new Placed(order, false);
    }

    private List<OrderLine> priced(List<PlaceOrder.Item> items) {
        Set<String> skus = new LinkedHashSet<>();
        items.forEach(item -> skus.add(item.sku()));
        Map<String, CatalogProduct> products = catalog.find(skus);
        Set<String> unknown = new LinkedHashSet<>(skus);
        unknown.removeAll(products.keySet());
        if (!unknown.isEmpty()) {
            throw new UnknownProductsException(unknown);
        }
        return items.stream()
                .map(item -> new OrderLine(item.sku(), item.quantity(), products.get(item.sku()).price()))
                .toList();
    }

    /** The order, and whether it was placed by an earlier request with the same Idempotency-Key. */
    public record Placed(Order order, boolean replayed) {
    }
}

package dev.orderflow.payment.store;

import dev.orderflow.payment.domain.ClosedOrder;
import org.springframework.data.repository.ListCrudRepository;

import java.util.UUID;

public interface ClosedOrders extends ListCrudRepository<ClosedOrder, UUID> {
}

package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.MovementType;
import dev.orderflow.inventory.domain.StockMovement;

import java.time.Instant;
import java.util.UUID;

/** One entry of a product's stock ledger. */
record MovementJson(long id, MovementType type, int quantity, UUID orderId, Instant occurredAt) {

    static MovementJson of(StockMovement movement) {
        return new MovementJson(movement.id(), movement.type(), movement.quantity(), movement.orderId(),
                movement.occurredAt());
    }
}

package dev.orderflow.order.saga;

import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.payment.PaymentCommand;

import java.util.Objects;

/**
 * A command the saga sends, to one of its two participants: inventory-service's stock commands or
 * payment-service's payment commands. Whoever sends them switches over the two, so a third participant is a
 * compile error everywhere a command is sent rather than a message that silently goes nowhere.
 */
public sealed interface SagaCommand {

    static SagaCommand of(InventoryCommand command) {
        return new ToInventory(command);
    }

    static SagaCommand of(PaymentCommand command) {
        return new ToPayment(command);
    }

    /** ReserveStock, ReleaseStock or CommitStock, on inventory.commands. */
    record ToInventory(InventoryCommand command) implements SagaCommand {
        public ToInventory {
            Objects.requireNonNull(command, "command");
        }
    }

    /** AuthorizePayment or RefundPayment, on payments.commands. */
    record ToPayment(PaymentCommand command) implements SagaCommand {
        public ToPayment {
            Objects.requireNonNull(command, "command");
        }
    }
}

package dev.orderflow.order.domain;

import dev.orderflow.events.order.OrderEvent;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, expect events (or a refusal): the aggregate tested through its history only. */
final class OrderScenario {

    private OrderScenario() {
    }

    static Given given(OrderEvent... history) {
        return new Given(List.of(history));
    }

    /** A command that creates the order. */
    static Then whenCreating(Supplier<Order> command) {
        try {
            return new Then(command.get(), null);
        } catch (RuntimeException e) {
            return new Then(null, e);
        }
    }

    record Given(List<OrderEvent> history) {

        Then when(Consumer<Order> command) {
            Order order = Order.rebuild(OrderFixtures.ORDER_ID, history);
            try {
                command.accept(order);
                return new Then(order, null);
            } catch (RuntimeException e) {
                return new Then(order, e);
            }
        }
    }

    record Then(Order order, RuntimeException failure) {

        Then expectEvents(OrderEvent... expected) {
            assertThat(failure).as("refusal").isNull();
            assertThat(order.changes()).containsExactly(expected);
            return this;
        }

        Then expectRefusal(Class<? extends RuntimeException> type, String messagePart) {
            assertThat(failure).isInstanceOf(type).hasMessageContaining(messagePart);
            if (order != null) {
                assertThat(order.changes()).as("events after a refusal").isEmpty();
            }
            return this;
        }

        Then expectState(Consumer<Order> expectations) {
            expectations.accept(order);
            return this;
        }
    }
}

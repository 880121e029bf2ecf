package dev.orderflow.order.placing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceOrderTest {

    @Test
    void theSameRequestHasTheSameFingerprint() {
        PlaceOrder request = new PlaceOrder("c-1", List.of(new PlaceOrder.Item("SKU-001", 2)));
        PlaceOrder again = new PlaceOrder("c-1", List.of(new PlaceOrder.Item("SKU-001", 2)));

        assertThat(request.fingerprint()).isEqualTo(again.fingerprint()).hasSize(64);
    }

    @Test
    void anyDifferenceChangesTheFingerprint() {
        String fingerprint = new PlaceOrder("c-1", List.of(new PlaceOrder.Item("SKU-001", 2))).fingerprint();

        assertThat(new PlaceOrder("c-2", List.of(new PlaceOrder.Item("SKU-001", 2))).fingerprint())
                .isNotEqualTo(fingerprint);
        assertThat(new PlaceOrder("c-1", List.of(new PlaceOrder.Item("SKU-001", 3))).fingerprint())
                .isNotEqualTo(fingerprint);
        assertThat(new PlaceOrder("c-1", List.of(new PlaceOrder.Item("SKU-0012", 2))).fingerprint())
                .isNotEqualTo(fingerprint);
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameFingerprint() {
        assertThat(new PlaceOrder("c-1|1", List.of(new PlaceOrder.Item("x", 2))).fingerprint())
                .isNotEqualTo(new PlaceOrder("c-1", List.of(new PlaceOrder.Item("1|x", 2))).fingerprint());
    }
}

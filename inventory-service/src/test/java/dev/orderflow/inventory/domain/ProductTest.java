package dev.orderflow.inventory.domain;

import dev.orderflow.events.Money;
import dev.orderflow.inventory.domain.InventoryFixtures.MemoryLedger;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.orderflow.inventory.domain.InventoryFixtures.aProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ProductTest {

    private final MemoryLedger ledger = new MemoryLedger();

    @Test
    void opensWithItsInitialStockAvailableAndRecordedAsFirstRestock() {
        Product product = aProduct("SKU-1", 100, ledger);

        assertThat(product.available()).isEqualTo(100);
        assertThat(product.reserved()).isZero();
        assertThat(product.sold()).isZero();
        assertThat(product.version()).isEqualTo(1);
        assertThat(ledger.movements).extracting(StockMovement::type, StockMovement::quantity, StockMovement::orderId)
                .containsExactly(tuple(MovementType.RESTOCK, 100, null));
    }

    @Test
    void recordsNoMovementWhenItOpensWithoutStock() {
        Product product = aProduct("SKU-1", 0, ledger);

        assertThat(product.available()).isZero();
        assertThat(ledger.movements).isEmpty();
    }

    @Test
    void restockAddsToAvailableStockAndToTheLedger() {
        Product product = aProduct("SKU-1", 5, ledger);

        product.restock(7, ledger);

        assertThat(product.available()).isEqualTo(12);
        assertThat(product.restocked()).isEqualTo(7);
        assertThat(product.isBalanced()).isTrue();
        assertThat(ledger.movements).extracting(StockMovement::type, StockMovement::quantity)
                .containsExactly(tuple(MovementType.RESTOCK, 5), tuple(MovementType.RESTOCK, 7));
    }

    @Test
    void refusesARestockBeyondCountableStockAndChangesNothing() {
        Product product = aProduct("SKU-1", Integer.MAX_VALUE - 10, ledger);
        ledger.forget();

        assertThatThrownBy(() -> product.restock(11, ledger)).isInstanceOf(StockLimitExceeded.class);

        assertThat(product.available()).isEqualTo(Integer.MAX_VALUE - 10);
        assertThat(product.restocked()).isZero();
        assertThat(ledger.movements).isEmpty();
    }

    @Test
    void refusesToRestockNothing() {
        Product product = aProduct("SKU-1", 5, ledger);

        assertThatThrownBy(() -> product.restock(0, ledger)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> product.restock(-3, ledger)).isInstanceOf(IllegalArgumentException.class);
        assertThat(product.available()).isEqualTo(5);
    }

    @Test
    void neverReservesMoreThanIsAvailable() {
        Product product = aProduct("SKU-1", 2, ledger);

        assertThatThrownBy(() -> product.reserve(3, UUID.randomUUID(), ledger))
                .isInstanceOf(IllegalStateException.class);
        assertThat(product.available()).isEqualTo(2);
        assertThat(product.reserved()).isZero();
    }

    @Test
    void refusesMalformedSkusAndPrices() {
        Money price = Money.of("1.00", "EUR");
        assertThatThrownBy(() -> Product.create("sku-1", "n", price, 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("-SKU", "n", price, 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("A".repeat(33), "n", price, 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("SKU-1", " ", price, 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("SKU-1", "n", Money.of("0.00", "EUR"), 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("SKU-1", "n", Money.of("-1.00", "EUR"), 1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("SKU-1", "n", price, -1, ledger))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCatalogChangeBumpsTheVersionOnlyWhenSomethingChanged() {
        Product product = aProduct("SKU-1", 5, ledger);

        assertThat(product.changeCatalogEntry(product.name(), Money.of("9.9", "EUR"))).isFalse();
        assertThat(product.version()).isEqualTo(1);

        assertThat(product.changeCatalogEntry("Renamed", product.price())).isTrue();
        assertThat(product.changeCatalogEntry("Renamed", Money.of("12.50", "EUR"))).isTrue();

        assertThat(product.version()).isEqualTo(3);
        assertThat(product.name()).isEqualTo("Renamed");
        assertThat(product.price()).isEqualTo(Money.of("12.50", "EUR"));
    }

    @Test
    void everyStockChangeBumpsTheVersionSoCatalogEventsStayInSequence() {
        Product product = aProduct("SKU-1", 5, ledger);
        UUID order = UUID.randomUUID();

        product.restock(1, ledger);
        product.reserve(2, order, ledger);
        product.commit(2, order, ledger);
        product.takeBack(2, order, ledger);

        assertThat(product.version()).isEqualTo(5);
    }
}

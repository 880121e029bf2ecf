package dev.orderflow.inventory.demo;

import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.inventory.config.InventoryProperties;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.stock.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo catalog, seeded into the shared context's database rather than a context of its own with the demo
 * profile: one Spring context for all integration tests is worth more than exercising the profile switch.
 */
@InventoryIntegrationTest
class DemoCatalogIT {

    @Autowired
    Catalog catalog;

    @Autowired
    InventoryProperties properties;

    @Test
    void seedsTenProductsOnceHoweverOftenItRuns() {
        DemoCatalog demo = new DemoCatalog(catalog, properties);

        demo.run(new DefaultApplicationArguments());
        catalog.restock("SKU-001", 5);
        demo.run(new DefaultApplicationArguments());

        assertThat(catalog.products()).extracting(Product::sku)
                .contains("SKU-001", "SKU-005", "SKU-010");
        assertThat(catalog.product("SKU-001").available()).isEqualTo(105);
        assertThat(catalog.product("SKU-010").available()).isEqualTo(3);
        assertThat(catalog.product("SKU-010").price().amount()).isEqualByComparingTo("99.90");
        assertThat(catalog.product("SKU-001").price().amount()).isEqualByComparingTo("9.90");
    }
}

package dev.orderflow.inventory.demo;

import dev.orderflow.events.Money;
import dev.orderflow.inventory.config.InventoryProperties;
import dev.orderflow.inventory.stock.Catalog;
import dev.orderflow.inventory.stock.DuplicateSku;
import dev.orderflow.inventory.stock.NewProduct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Creates products SKU-001..SKU-010 through the catalog, so replicas learn of them from the products topic like
 * of any other product. SKU-010 has only 3 units, to show an order rejected for stock. Products that exist
 * already are left as they are, so restarts change nothing.
 */
@Component
@Profile("demo")
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private static final List<String> NAMES = List.of("Espresso beans 1 kg", "Filter coffee 500 g",
            "Ceramic mug", "Milk frother", "Pour-over dripper", "Paper filters (100)", "Burr grinder",
            "Gooseneck kettle", "Coffee scale", "Barista apron");

    private final Catalog catalog;
    private final String currency;

    DemoCatalog(Catalog catalog, InventoryProperties properties) {
        this.catalog = catalog;
        this.currency = properties.currency();
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (int i = 1; i <= NAMES.size(); i++) {
            NewProduct product = new NewProduct("SKU-%03d".formatted(i), NAMES.get(i - 1),
                    Money.of("%d.90".formatted(i * 10 - 1), currency), i == NAMES.size() ? 3 : 100);
            if (!catalog.exists(product.sku()) && create(product)) {
                created++;
            }
        }
        log.info("Demo catalog: {} products created, {} existed already", created, NAMES.size() - created);
    }

    /** Another instance seeding at the same moment may win the race; its product is as good as ours. */
    private boolean create(NewProduct product) {
        try {
            catalog.create(product);
            return true;
        } catch (DuplicateSku e) {
            return false;
        }
    }
}

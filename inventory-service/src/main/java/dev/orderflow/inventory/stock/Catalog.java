package dev.orderflow.inventory.stock;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.inventory.config.InventoryProperties;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.StockMovement;
import dev.orderflow.inventory.store.Products;
import dev.orderflow.inventory.store.StockMovements;
import dev.orderflow.messaging.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The product catalog: adding products, restocking them, changing their name and price. Catalog changes are
 * published as {@link ProductUpdated} on the compacted products topic, sequenced by the product's version;
 * stock changes are not, since replicas only need what it takes to price an order.
 */
@Component
public class Catalog {

    private final Products products;
    private final StockMovements movements;
    private final Outbox outbox;
    private final String currency;

    Catalog(Products products, StockMovements movements, Outbox outbox, InventoryProperties properties) {
        this.products = products;
        this.movements = movements;
        this.outbox = outbox;
        this.currency = properties.currency();
    }

    @Transactional
    public Product create(NewProduct request) {
        requireCatalogCurrency(request.price());
        if (products.existsById(request.sku())) {
            throw new DuplicateSku(request.sku());
        }
        List<StockMovement> openingStock = new ArrayList<>();
        Product product = Product.create(request.sku(), request.name(), request.price(), request.initialStock(),
                openingStock::add);
        // An insert, never an upsert: a product created concurrently under the same SKU runs into the primary key.
        try {
            products.insert(product);
        } catch (DuplicateKeyException e) {
            throw new DuplicateSku(request.sku());
        }
        // The ledger rows reference the product row, so they are written once it is.
        movements.append(openingStock);
        publish(product);
        return product;
    }

    @Transactional
    public Product restock(String sku, int quantity) {
        Product product = products.lock(sku).orElseThrow(() -> new ProductNotFound(sku));
        List<StockMovement> moved = new ArrayList<>();
        product.restock(quantity, moved::add);
        products.update(List.of(product));
        movements.append(moved);
        return product;
    }

    @Transactional
    public Product changeCatalogEntry(String sku, String name, Money price) {
        requireCatalogCurrency(price);
        Product product = products.lock(sku).orElseThrow(() -> new ProductNotFound(sku));
        if (product.changeCatalogEntry(name, price)) {
            products.update(List.of(product));
            publish(product);
        }
        return product;
    }

    @Transactional(readOnly = true)
    public boolean exists(String sku) {
        return products.existsById(sku);
    }

    @Transactional(readOnly = true)
    public Product product(String sku) {
        return products.findById(sku).orElseThrow(() -> new ProductNotFound(sku));
    }

    @Transactional(readOnly = true)
    public List<Product> products() {
        return products.findAllByOrderBySku();
    }

    /** The product's ledger, oldest movement first. */
    @Transactional(readOnly = true)
    public List<StockMovement> movements(String sku) {
        if (!products.existsById(sku)) {
            throw new ProductNotFound(sku);
        }
        return movements.findBySkuOrderById(sku);
    }

    private void publish(Product product) {
        outbox.append(product.sku(), product.version(),
                new ProductUpdated(product.sku(), product.name(), product.price()));
    }

    private void requireCatalogCurrency(Money price) {
        if (!price.currency().equals(currency)) {
            throw new UnsupportedCurrency(price.currency(), currency);
        }
    }
}

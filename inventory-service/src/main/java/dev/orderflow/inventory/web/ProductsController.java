package dev.orderflow.inventory.web;

import dev.orderflow.inventory.config.InventoryProperties;
import dev.orderflow.inventory.stock.Catalog;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** The catalog and its stock levels; creating, restocking and repricing are admin operations. */
@RestController
@RequestMapping("/api/products")
class ProductsController {

    private final Catalog catalog;
    private final String currency;

    ProductsController(Catalog catalog, InventoryProperties properties) {
        this.catalog = catalog;
        this.currency = properties.currency();
    }

    @GetMapping
    List<ProductJson> products() {
        return catalog.products().stream().map(ProductJson::of).toList();
    }

    @GetMapping("/{sku}")
    ProductJson product(@PathVariable String sku) {
        return ProductJson.of(catalog.product(sku));
    }

    @PostMapping
    ResponseEntity<ProductJson> create(@Valid @RequestBody NewProductRequest request) {
        ProductJson created = ProductJson.of(catalog.create(request.toNewProduct(currency)));
        return ResponseEntity
                .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{sku}").build(created.sku()))
                .body(created);
    }

    @PostMapping("/{sku}/restock")
    ProductJson restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
        return ProductJson.of(catalog.restock(sku, request.quantity()));
    }

    /** Changes name and price; replicas hear of it on the products topic. */
    @PutMapping("/{sku}")
    ProductJson changeCatalogEntry(@PathVariable String sku, @Valid @RequestBody CatalogEntryRequest request) {
        return ProductJson.of(catalog.changeCatalogEntry(sku, request.name(), request.price().toMoney(currency)));
    }

    /** The product's stock ledger, oldest first: replaying it gives the stock levels (invariant I2). */
    @GetMapping("/{sku}/movements")
    List<MovementJson> movements(@PathVariable String sku) {
        return catalog.movements(sku).stream().map(MovementJson::of).toList();
    }
}

package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.Product;

/** A product as the API shows it. */
record ProductJson(String sku, String name, Price price, int available, int reserved, int sold) {

    static ProductJson of(Product product) {
        return new ProductJson(product.sku(), product.name(),
                new Price(product.price().amount().toPlainString(), product.price().currency()),
                product.available(), product.reserved(), product.sold());
    }

    record Price(String amount, String currency) {
    }
}

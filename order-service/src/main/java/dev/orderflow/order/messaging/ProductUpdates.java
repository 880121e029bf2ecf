package dev.orderflow.order.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.ProductEvent;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.order.store.CatalogReplica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Keeps the catalog replica in step with inventory's {@code inventory.products}. */
@Component
class ProductUpdates implements MessageHandler<ProductEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProductUpdates.class);

    private final CatalogReplica catalog;
    private final Clock clock;

    ProductUpdates(CatalogReplica catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return Topics.INVENTORY_PRODUCTS;
    }

    @Override
    public Class<ProductEvent> messageType() {
        return ProductEvent.class;
    }

    @Override
    public void handle(ProductEvent message, IncomingMessage envelope) {
        switch (message) {
            case ProductUpdated updated -> on(updated, envelope);
        }
    }

    void on(ProductUpdated product, IncomingMessage envelope) {
        if (!catalog.apply(product, envelope.sequence(), clock.instant())) {
            log.debug("Ignored {} of {} at sequence {}: the replica holds a newer one",
                    envelope.type(), product.sku(), envelope.sequence());
        }
    }
}

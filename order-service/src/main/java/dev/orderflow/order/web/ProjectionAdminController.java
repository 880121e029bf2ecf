package dev.orderflow.order.web;

import dev.orderflow.order.store.OrderProjection;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' endpoint: rebuilds the order projection from the event store, for a projection that was lost,
 * corrupted or changed shape. Safe while the service runs (writers wait for it).
 */
@RestController
class ProjectionAdminController {

    private final OrderProjection projection;

    ProjectionAdminController(OrderProjection projection) {
        this.projection = projection;
    }

    @PostMapping(path = "/api/admin/projections/orders/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderProjection.RebuildResult rebuild() {
        return projection.rebuild();
    }
}

package dev.orderflow.order.web;

import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.order.domain.OrderNotFoundException;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Orders;
import dev.orderflow.order.placing.OrderPlacement;
import dev.orderflow.order.saga.PlaceOrderSagas;
import dev.orderflow.order.store.OrderHistory;
import dev.orderflow.order.store.OrderProjection;
import dev.orderflow.order.store.OrderSummary;
import dev.orderflow.order.store.RecordedEvent;
import dev.orderflow.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/orders}: place, read (now or as of an instant), list, read the history of, and cancel orders. A
 * customer does all of it for its own orders only: another customer's order answers 404, as an unknown one does, so
 * nothing tells it that the order exists; an administrator acts for any customer.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Place, follow and cancel orders")
class OrdersController {

    private final OrderPlacement placement;
    private final Orders orders;
    private final OrderHistory history;
    private final OrderProjection projection;
    private final PlaceOrderSagas sagas;

    OrdersController(OrderPlacement placement, Orders orders, OrderHistory history, OrderProjection projection,
                     PlaceOrderSagas sagas) {
        this.placement = placement;
        this.orders = orders;
        this.history = history;
        this.projection = projection;
        this.sagas = sagas;
    }

    /** 202: the order is PENDING, its saga has started. A retry with the same Idempotency-Key gets the same order. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place an order", description = "202 with the PENDING order; prices come from the catalog. "
            + "Unknown SKU or a SKU on two lines: 422; invalid fields or unreadable JSON: 400. A customer's order is "
            + "its own (customerId left out or its own, else 403); an administrator names the customer (else 400).")
    ResponseEntity<OrderResponse> place(
            @Valid @RequestBody PlaceOrderRequest request,
            @Parameter(description = "Makes retries safe: the same key with the same body answers the same order, "
                    + "with another body 422. Remembered for orderflow.order.idempotency-key-retention.")
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Size(min = 1, max = 255) @Pattern(regexp = "\\p{Graph}+", message = "must be printable, without spaces")
            String idempotencyKey) {
        OrderPlacement.Placed placed = placement.place(request.toCommand(customerOf(request)), idempotencyKey);
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + placed.order().id()))
                .body(OrderResponse.of(OrderSummary.of(placed.order())));
    }

    /** The order now, or with {@code asOf} as it stood then (404 if it did not exist yet). */
    @GetMapping("/{id}")
    @Operation(summary = "Read an order", description = "With asOf, as it stood then, rebuilt from its events.")
    OrderResponse get(@PathVariable UUID id,
                      @Parameter(description = "ISO-8601 instant, e.g. 2026-11-24T10:00:00Z")
                      @RequestParam(required = false) Instant asOf) {
        Caller caller = Caller.current();
        var order = asOf == null ? orders.find(id) : orders.findAsOf(id, asOf);
        return order.filter(found -> caller.mayActFor(found.customerId()))
                .map(found -> OrderResponse.of(OrderSummary.of(found)))
                .orElseThrow(() -> new OrderNotFoundException(id));
    }

    /** Everything that happened to the order, oldest first. */
    @GetMapping("/{id}/events")
    @Operation(summary = "The order's events, oldest first")
    List<OrderEventResponse> events(@PathVariable UUID id) {
        requireVisible(id);
        List<RecordedEvent> events = history.of(id);
        if (events.isEmpty()) {
            throw new OrderNotFoundException(id);
        }
        return events.stream()
                .map(event -> new OrderEventResponse(event.type(), event.version(), event.time(),
                        MessageCodec.standard().tree(event.data().getBytes(StandardCharsets.UTF_8))))
                .toList();
    }

    /** A page of orders, newest first, optionally of one customer and in one status. */
    @GetMapping
    @Operation(summary = "List orders, newest first", description = "A customer lists its own orders only "
            + "(customerId left out or its own, else 403).")
    OrderPageResponse list(@RequestParam(required = false) @Size(min = 1, max = 64)
                           @Pattern(regexp = PlaceOrderRequest.PRINTABLE, message = PlaceOrderRequest.NOT_PRINTABLE)
                           String customerId,
                           @RequestParam(required = false) OrderStatus status,
                           @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = Caller.current();
        if (!caller.admin()) {
            if (customerId != null && !customerId.equals(caller.subject())) {
                throw new AccessDeniedException("a customer lists its own orders only");
            }
            customerId = caller.subject();
        }
        OrderProjection.OrderSummaryPage found = projection.find(customerId, status, page, size);
        return new OrderPageResponse(found.content().stream().map(OrderResponse::of).toList(), found.page(),
                found.size(), found.totalElements(), (found.totalElements() + size - 1) / size);
    }

    /** Cancels a PENDING or CONFIRMED order: 409 when it is already REJECTED or CANCELLED. */
    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a PENDING or CONFIRMED order", description = "Stock is released and payment "
            + "refunded as needed; a REJECTED or CANCELLED order: 409.")
    OrderResponse cancel(@PathVariable UUID id) {
        requireVisible(id);
        return OrderResponse.of(OrderSummary.of(sagas.cancel(id)));
    }

    /** Whose a new order is: the calling customer's own, or the customer an administrator names in the body. */
    private static String customerOf(PlaceOrderRequest request) {
        Caller caller = Caller.current();
        if (caller.admin()) {
            if (request.customerId() == null) {
                String message = "must not be null: an administrator names the customer the order is for";
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "customerId: "
                        + message);
                problem.setTitle("Invalid request");
                problem.setProperty("errors", List.of(Map.of("field", "customerId", "message", message)));
                throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
            }
            return request.customerId();
        }
        if (request.customerId() != null && !request.customerId().equals(caller.subject())) {
            throw new AccessDeniedException("a customer places orders for itself only");
        }
        return caller.subject();
    }

    /** An order the caller may not see is, for it, an order that does not exist. */
    private void requireVisible(UUID id) {
        Caller caller = Caller.current();
        if (!caller.admin() && !orders.find(id).map(order -> caller.mayActFor(order.customerId())).orElse(false)) {
            throw new OrderNotFoundException(id);
        }
    }
}

package dev.orderflow.order.web;

import dev.orderflow.order.domain.Order;
import dev.orderflow.order.placing.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/orders}. No prices: they come from the catalog replica. Each SKU may appear on one line
 * only; a request repeating one is refused (422) rather than merged, because merging would silently change the
 * lines the client sent and sum quantities past the per-line limit the client was told about.
 *
 * <p>{@code customerId}: a customer may leave it out (the order is its own, the token says who it is) or give its
 * own; an administrator places an order for the customer it names here.
 */
public record PlaceOrderRequest(
        @Size(max = 64) @Pattern(regexp = NOT_BLANK_PRINTABLE, message = "must not be blank or contain control "
                + "characters") String customerId,
        @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Item> items) {

    /** Identifiers are text people read and PostgreSQL stores: no control characters (NUL would not even store). */
    static final String PRINTABLE = "[^\\p{Cntrl}]*";
    static final String NOT_PRINTABLE = "must not contain control characters";
    private static final String NOT_BLANK_PRINTABLE = "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*";

    public record Item(
            @NotBlank @Size(max = 64) @Pattern(regexp = PRINTABLE, message = NOT_PRINTABLE) String sku,
            @NotNull @Min(1) @Max(Order.MAX_QUANTITY) Integer quantity) {
    }

    /** The command for {@code customer}, whom the caller may act for. */
    PlaceOrder toCommand(String customer) {
        return new PlaceOrder(customer, items.stream().map(item -> new PlaceOrder.Item(item.sku(), item.quantity()))
                .toList());
    }
}

package dev.orderflow.notification.web;

import dev.orderflow.notification.store.Notifications;
import dev.orderflow.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Which notifications a customer or an order has, and whether they went out. */
@RestController
@RequestMapping("/api/notifications")
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "Notifications of a customer, of an order, or both; oldest first. At least one filter is required.")
    List<NotificationView> find(
            @Parameter(description = "customer id, e.g. c-1001")
            @RequestParam(required = false) @Size(max = 64)
            // NUL and friends never reach PostgreSQL (which cannot store NUL) as a bad request, not an outage.
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String customerId,
            @Parameter(description = "order id (UUID)")
            @RequestParam(required = false) UUID orderId) {
        boolean byCustomer = customerId != null && !customerId.isBlank();
        Caller caller = Caller.current();
        if (byCustomer && !caller.mayActFor(customerId)) {
            throw new AccessDeniedException("a customer reads its own notifications only");
        }
        if (!byCustomer && orderId == null) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "Give customerId, orderId or both: listing every notification is not offered."),
                    null);
        }
        var found = byCustomer && orderId != null
                ? notifications.findByCustomerIdAndOrderIdOrderByCreatedAtAscIdAsc(customerId, orderId)
                : byCustomer
                        ? notifications.findByCustomerIdOrderByCreatedAtAscIdAsc(customerId)
                        : notifications.findByOrderIdOrderByCreatedAtAscIdAsc(orderId);
        // Another customer's order has, for a customer, no notifications: the same answer as an unknown order.
        return found.stream().filter(notification -> caller.mayActFor(notification.getCustomerId()))
                .map(NotificationView::of).toList();
    }
}

package dev.orderflow.payment.web;

import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.store.Payments;
import dev.orderflow.web.security.Caller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payments by order: what is pending at the gateway, was authorized, declined (and why) or refunded. */
@RestController
@RequestMapping("/api/payments")
class PaymentsController {

    private final Payments payments;

    PaymentsController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<PaymentView> byOrder(@RequestParam UUID orderId) {
        // Another customer's order has, for a customer, no payments: the same answer as an unknown order.
        Caller caller = Caller.current();
        return payments.findAllByOrderIdOrderByCreatedAt(orderId).stream()
                .filter(payment -> caller.mayActFor(payment.customerId())).map(PaymentView::of).toList();
    }

    record PaymentView(UUID id, UUID orderId, String customerId, MoneyView amount, String status, String reason,
                       Instant createdAt) {

        static PaymentView of(Payment payment) {
            return new PaymentView(payment.id(), payment.orderId(), payment.customerId(),
                    MoneyView.of(payment.amount()), payment.status().name(),
                    payment.reason() == null ? null : payment.reason().name(), payment.createdAt());
        }
    }
}

package dev.orderflow.payment.cashier;

import dev.orderflow.payment.config.PaymentProperties;
import dev.orderflow.payment.domain.Payment;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import dev.orderflow.payment.psp.PaymentGatewayUnavailableException;
import dev.orderflow.payment.store.Payments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Refunds charges the gateway holds for orders whose payment we declined. A charge that timed out is declined as
 * {@code PAYMENT_UNAVAILABLE}, yet a slow gateway may still complete it; and a charge that went through before a
 * failed commit may meet a decline on redelivery (the credit was spent meanwhile, or a refund closed the order). The
 * order was rejected, so that money must go back (invariant I3). The same holds for a payment whose order was closed
 * while it was pending, when a charge worker that died may have charged it. Once a decline is older than the grace
 * period, the gateway is asked for the order's charges and any successful one is refunded under the order's refund
 * key, so a repeated round or a second instance refunds it at most once.
 */
@Component
@ConditionalOnBooleanProperty(name = "orderflow.payment.reconciliation.enabled", matchIfMissing = true)
class LateChargeReconciler {

    private static final Logger log = LoggerFactory.getLogger(LateChargeReconciler.class);
    private static final int BATCH = 100;

    private final Payments payments;
    private final PaymentGatewayClient gateway;
    private final PaymentProperties.Reconciliation settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter refunded;

    LateChargeReconciler(Payments payments, PaymentGatewayClient gateway, PaymentProperties properties,
            PlatformTransactionManager transactionManager, Clock clock, MeterRegistry registry) {
        this.payments = payments;
        this.gateway = gateway;
        this.settings = properties.reconciliation();
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.refunded = Counter.builder("orderflow.payment.late.charges.refunded")
                .description("Charges the gateway held for declined payments, refunded").register(registry);
    }

    @Scheduled(fixedDelayString = "${orderflow.payment.reconciliation.interval:10s}",
            initialDelayString = "${orderflow.payment.reconciliation.interval:10s}")
    void reconcile() {
        Instant now = clock.instant();
        List<UUID> due = payments.findToReconcile(now.minus(settings.horizon()), now.minus(settings.grace()),
                BATCH);
        for (UUID paymentId : due) {
            try {
                transactions.executeWithoutResult(status -> reconcileOne(paymentId));
            } catch (PaymentGatewayUnavailableException e) {
                log.warn("Declined payments cannot be checked now, trying again next round: {}", e.getMessage());
                return;
            }
        }
    }

    private void reconcileOne(UUID paymentId) {
        Payment payment = payments.findByIdForUpdate(paymentId).orElseThrow();
        if (payment.reconciledAt() != null) {
            return; // another instance's round got there first
        }
        for (PaymentGatewayClient.SuccessfulCharge charge : gateway.successfulChargesFor(payment.orderId())) {
            gateway.refund(payment.orderId(), charge.chargeId(), charge.amount());
            refunded.increment();
            log.warn("Refunded charge {} of {} for order {}, whose payment was declined",
                    charge.chargeId(), charge.amount(), payment.orderId());
        }
        payment.reconciled(clock.instant());
        payments.update(payment);
    }
}

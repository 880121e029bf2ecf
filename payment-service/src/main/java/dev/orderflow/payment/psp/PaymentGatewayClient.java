package dev.orderflow.payment.psp;

import dev.orderflow.events.Money;
import dev.orderflow.payment.config.PaymentProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Charges and refunds through the payment gateway over HTTP, each call guarded, from the outside in, by a retry
 * (exponential backoff with jitter), the {@value #PSP} circuit breaker and a bulkhead, and each attempt bounded by
 * connect and read timeouts.
 *
 * <p>Retrying a charge is safe only because every charge carries an idempotency key derived from the order id
 * ({@code charge-<orderId>}): the gateway answers a repeated key with the charge it already made instead of
 * charging again. The same key makes a redelivered command safe when the charge went through but our database
 * commit did not: the repeated call gets the same charge back. Refunds are keyed {@code refund-<orderId>}.
 *
 * <p>Worst case per call with the defaults: 3 attempts x 2 s read timeout + about 1 s of backoff, far below the
 * consumer's {@code max.poll.interval.ms} (5 minutes), although the call runs inside the consumer's transaction.
 */
@Component
public class PaymentGatewayClient {

    /** The name of the gateway's retry, circuit breaker and bulkhead in {@code resilience4j.*} settings. */
    public static final String PSP = "psp";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayClient.class);

    private final RestClient http;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;

    public PaymentGatewayClient(RestClient.Builder builder, PaymentProperties properties, RetryRegistry retries,
            CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads) {
        PaymentProperties.Psp psp = properties.psp();
        // Blocking calls on the charge worker's (virtual) thread: the JDK's HttpClient hands every exchange to its
        // selector and worker threads and back, which cost more CPU than the call itself (docs/benchmarks.md).
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(psp.connectTimeout());
        requestFactory.setReadTimeout(psp.readTimeout());
        this.http = builder.clone().baseUrl(psp.baseUrl().toString()).requestFactory(requestFactory).build();
        this.retry = retries.retry(PSP);
        this.circuitBreaker = circuitBreakers.circuitBreaker(PSP);
        this.bulkhead = bulkheads.bulkhead(PSP);
    }

    /** Charges the order's amount once, however often it is asked for the same order. */
    public ChargeOutcome charge(UUID orderId, String customerId, Money amount) {
        ChargeRequest request = new ChargeRequest(orderId.toString(), customerId, PspAmount.of(amount));
        try {
            ChargeResponse response = guarded(() -> http.post().uri("/psp/charges")
                    .header(IDEMPOTENCY_KEY, "charge-" + orderId)
                    .body(request)
                    .retrieve()
                    .body(ChargeResponse.class));
            if (response == null || response.chargeId() == null) {
                return new ChargeOutcome.Unavailable("the gateway answered without a charge");
            }
            return "SUCCEEDED".equals(response.status())
                    ? new ChargeOutcome.Charged(response.chargeId())
                    : new ChargeOutcome.Declined(response.declineCode() == null ? "declined" : response.declineCode());
        } catch (CallNotPermittedException e) {
            return new ChargeOutcome.Unavailable("the payment gateway circuit breaker is open");
        } catch (BulkheadFullException e) {
            return new ChargeOutcome.Unavailable("too many payment gateway calls in flight");
        } catch (HttpClientErrorException e) {
            // A 4xx is our request's fault and would fail again: report it, take nothing.
            log.error("Payment gateway refused the charge of order {}: {}", orderId, e.getMessage());
            return new ChargeOutcome.Unavailable("the payment gateway refused the request: " + e.getStatusCode());
        } catch (RestClientException e) {
            return new ChargeOutcome.Unavailable("the payment gateway did not answer: " + e.getMessage());
        }
    }

    /**
     * Pays the charge of the order back, once per order.
     *
     * @throws PaymentGatewayUnavailableException when the gateway cannot be reached; the refund must be tried again
     */
    public String refund(UUID orderId, String chargeId, Money amount) {
        RefundRequest request = new RefundRequest(chargeId, PspAmount.of(amount));
        try {
            RefundResponse response = guarded(() -> http.post().uri("/psp/refunds")
                    .header(IDEMPOTENCY_KEY, "refund-" + orderId)
                    .body(request)
                    .retrieve()
                    .body(RefundResponse.class));
            if (response == null || response.refundId() == null) {
                throw new PaymentGatewayUnavailableException("the gateway answered without a refund", null);
            }
            return response.refundId();
        } catch (CallNotPermittedException | BulkheadFullException | RestClientException e) {
            throw new PaymentGatewayUnavailableException("refund of order " + orderId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The charges the gateway made for the order that succeeded, to find one made after we stopped waiting.
     *
     * @throws PaymentGatewayUnavailableException when the gateway cannot be reached
     */
    public List<SuccessfulCharge> successfulChargesFor(UUID orderId) {
        try {
            List<ChargeView> charges = guarded(() -> http.get().uri("/psp/charges?reference={reference}", orderId)
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<ChargeView>>() { }));
            return charges == null ? List.of() : charges.stream()
                    .filter(charge -> "SUCCEEDED".equals(charge.status()))
                    .map(charge -> new SuccessfulCharge(charge.chargeId(),
                            Money.of(charge.amount().amount(), charge.amount().currency())))
                    .toList();
        } catch (CallNotPermittedException | BulkheadFullException | RestClientException e) {
            throw new PaymentGatewayUnavailableException("charges of order " + orderId + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** A charge the gateway made. */
    public record SuccessfulCharge(String chargeId, Money amount) {
    }

    private <T> T guarded(Supplier<T> call) {
        return Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(circuitBreaker,
                        Bulkhead.decorateSupplier(bulkhead, call))).get();
    }

    record PspAmount(String amount, String currency) {
        static PspAmount of(Money money) {
            return new PspAmount(money.amount().toPlainString(), money.currency());
        }
    }

    record ChargeRequest(String reference, String customerId, PspAmount amount) {
    }

    record ChargeResponse(String chargeId, String status, String declineCode) {
    }

    record ChargeView(String chargeId, String status, PspAmount amount) {
    }

    record RefundRequest(String chargeId, PspAmount amount) {
    }

    record RefundResponse(String refundId, String status) {
    }
}

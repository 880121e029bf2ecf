package dev.orderflow.simulator.psp;

import dev.orderflow.simulator.faults.FaultPlan;
import dev.orderflow.simulator.faults.Party;
import dev.orderflow.simulator.web.IdempotencyKeyReusedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The simulated gateway's books. Every request carries an idempotency key, and a key seen before answers what it
 * answered the first time without charging or refunding again: that is what makes a client's retries safe.
 *
 * <p>A charge whose cents are {@value #DECLINED_CENTS} is always declined (a deterministic decline for demos and
 * tests); otherwise the {@code declineRate} of the gateway's fault settings decides.
 */
@Component
public class PaymentGateway {

    /** Amounts ending in .13 are declined, like a card that is always refused. */
    public static final int DECLINED_CENTS = 13;

    private final FaultPlan faults;
    private final Clock clock;

    private final Map<String, Keyed<ChargeRequest, Charge>> chargesByKey = new HashMap<>();
    private final Map<String, Charge> chargesById = new LinkedHashMap<>();
    private final Map<String, Keyed<RefundRequest, Refund>> refundsByKey = new HashMap<>();
    private final Map<String, List<Refund>> refundsByCharge = new HashMap<>();

    @Autowired
    public PaymentGateway(FaultPlan faults) {
        this(faults, Clock.systemUTC());
    }

    PaymentGateway(FaultPlan faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
    }

    /** Charges once per idempotency key; the same key with another request is refused. */
    public synchronized Charge charge(String idempotencyKey, ChargeRequest request) {
        Keyed<ChargeRequest, Charge> earlier = chargesByKey.get(idempotencyKey);
        if (earlier != null) {
            return earlier.answerFor(idempotencyKey, request);
        }
        Charge charge = decide(request);
        chargesByKey.put(idempotencyKey, new Keyed<>(request, charge));
        chargesById.put(charge.chargeId(), charge);
        return charge;
    }

    /** Refunds once per idempotency key, never more in total than the charge took. */
    public synchronized Refund refund(String idempotencyKey, RefundRequest request) {
        Keyed<RefundRequest, Refund> earlier = refundsByKey.get(idempotencyKey);
        if (earlier != null) {
            return earlier.answerFor(idempotencyKey, request);
        }
        Charge charge = chargesById.get(request.chargeId());
        if (charge == null) {
            throw new UnknownChargeException(request.chargeId());
        }
        if (!charge.succeeded()) {
            throw new RefundRefusedException("charge " + charge.chargeId() + " was declined; there is nothing to refund");
        }
        if (!charge.amount().currency().equals(request.amount().currency())) {
            throw new RefundRefusedException("charge " + charge.chargeId() + " is in " + charge.amount().currency()
                    + ", not " + request.amount().currency());
        }
        List<Refund> earlierRefunds = refundsByCharge.computeIfAbsent(charge.chargeId(), id -> new ArrayList<>());
        Amount refundedAfter = earlierRefunds.stream().map(Refund::amount)
                .reduce(request.amount(), Amount::plus);
        if (refundedAfter.exceeds(charge.amount())) {
            throw new RefundRefusedException("refunds of charge " + charge.chargeId() + " would come to "
                    + refundedAfter.amount() + ", more than the " + charge.amount().amount() + " charged");
        }
        Refund refund = new Refund("re_" + UUID.randomUUID(), Refund.Status.SUCCEEDED, charge.chargeId(),
                request.amount(), clock.instant());
        earlierRefunds.add(refund);
        refundsByKey.put(idempotencyKey, new Keyed<>(request, refund));
        return refund;
    }

    /** Every charge for a merchant reference, oldest first (declined ones too). */
    public synchronized List<Charge> chargesFor(String reference) {
        return chargesById.values().stream().filter(charge -> charge.reference().equals(reference))
                .sorted(Comparator.comparing(Charge::createdAt)).toList();
    }

    public synchronized List<Refund> refundsOf(String chargeId) {
        return List.copyOf(refundsByCharge.getOrDefault(chargeId, List.of()));
    }

    private Charge decide(ChargeRequest request) {
        String chargeId = "ch_" + UUID.randomUUID();
        Instant now = clock.instant();
        if (request.amount().cents() == DECLINED_CENTS) {
            return declined(chargeId, "card_declined", request, now);
        }
        if (faults.declinesNow(Party.PSP)) {
            return declined(chargeId, "do_not_honor", request, now);
        }
        return new Charge(chargeId, Charge.Status.SUCCEEDED, null, request.reference(), request.customerId(),
                request.amount(), now);
    }

    private static Charge declined(String chargeId, String code, ChargeRequest request, Instant now) {
        return new Charge(chargeId, Charge.Status.DECLINED, code, request.reference(), request.customerId(),
                request.amount(), now);
    }

    /** The first request seen under a key, and the answer it got. */
    private record Keyed<R, A>(R request, A answer) {

        A answerFor(String key, R repeated) {
            if (!request.equals(repeated)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return answer;
        }
    }
}

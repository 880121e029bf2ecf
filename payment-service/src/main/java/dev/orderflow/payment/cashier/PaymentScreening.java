package dev.orderflow.payment.cashier;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.payment.domain.FraudScreen;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.screening.CustomerHistory;
import dev.orderflow.screening.Features;
import dev.orderflow.screening.PaymentAttempt;
import dev.orderflow.screening.ScreeningModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Scores every payment with the screening model, from its customer's history before it, and says whether it is to be
 * declined: by the model ({@link Screening.Mode#ENFORCE}), or by the fraud rules with the model's score reported only
 * ({@link Screening.Mode#SHADOW}). The features are the screening module's, the same code the model was trained with.
 *
 * <p>Meters: {@code orderflow.payment.screening.scoring} (the time of features and score, a histogram), and
 * {@code orderflow.payment.screening.suspected} by {@code by} ({@code model}, {@code rule}) and {@code decided}
 * (whether that verdict declined the payment): in shadow mode the model's suspicions that would have declined.
 */
public class PaymentScreening {

    private final ScreeningModel model;
    private final Screening.Mode mode;
    private final FraudScreen rules;
    private final Timer scoring;
    private final Map<String, Counter> suspected = new HashMap<>();

    public PaymentScreening(ScreeningModel model, Screening.Mode mode, FraudScreen rules, MeterRegistry meters) {
        this.model = Objects.requireNonNull(model, "model");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.rules = Objects.requireNonNull(rules, "rules");
        for (String by : List.of("model", "rule")) {
            for (boolean decided : new boolean[] {true, false}) {
                suspected.put(by + "/" + decided, Counter.builder("orderflow.payment.screening.suspected")
                        .description("Payments a screen suspected, and whether that declined them")
                        .tag("by", by).tag("decided", String.valueOf(decided)).register(meters));
            }
        }
        this.scoring = Timer.builder("orderflow.payment.screening.scoring")
                .description("Computing a payment's features and the screening model's score")
                .tag("model", model.card().version())
                .publishPercentileHistogram()
                .register(meters);
    }

    /** What screening says of a payment: its score, and the decline it calls for, if any. */
    public record Verdict(String model, double score, double threshold, Screening.Mode mode, boolean modelSuspects,
                          Optional<Decline> decline) {

        /** The screening as the payment's reply reports it. */
        public Screening reported() {
            return new Screening(model, score, threshold, mode);
        }
    }

    /** A payment to decline, and why. */
    public record Decline(DeclineReason reason, String detail) {
    }

    /**
     * Screens the payment the command asks for, attempted at {@code now}, against the customer's history before it.
     * A command without its basket (written before the basket was added) is screened as one line of one unit.
     */
    public Verdict screen(AuthorizePayment command, CustomerHistory history, Instant now) {
        AuthorizePayment.Basket basket = command.basket() == null ? new AuthorizePayment.Basket(1, 1)
                : command.basket();
        PaymentAttempt attempt = new PaymentAttempt(command.customerId(), now, command.amount().amount().doubleValue(),
                basket.lines(), basket.units());
        long started = System.nanoTime();
        double score = model.score(Features.of(history, attempt));
        scoring.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        boolean modelSuspects = model.suspects(score);
        String version = model.card().version();
        Optional<Decline> decline;
        if (mode == Screening.Mode.ENFORCE) {
            decline = modelSuspects ? Optional.of(new Decline(DeclineReason.ANOMALY_SUSPECTED,
                    "screening model %s scored %.3f, at or above its threshold %.3f".formatted(version, score,
                            model.card().threshold()))) : Optional.empty();
            count("model", modelSuspects, modelSuspects);
        } else {
            decline = rules.suspicion(command, history, now)
                    .map(why -> new Decline(DeclineReason.FRAUD_SUSPECTED, why));
            count("model", modelSuspects, false);
            count("rule", decline.isPresent(), decline.isPresent());
        }
        return new Verdict(version, score, model.card().threshold(), mode, modelSuspects, decline);
    }

    private void count(String by, boolean suspected, boolean decided) {
        if (suspected) {
            this.suspected.get(by + "/" + decided).increment();
        }
    }
}

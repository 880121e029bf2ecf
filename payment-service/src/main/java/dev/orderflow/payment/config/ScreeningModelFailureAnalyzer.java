package dev.orderflow.payment.config;

import dev.orderflow.screening.ScreeningModel;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start stopped by an unusable screening model into Spring Boot's "application failed to start" report: what
 * is wrong with the model, and what to do, instead of a page of bean creation errors around it.
 */
class ScreeningModelFailureAnalyzer extends AbstractFailureAnalyzer<ScreeningModel.InvalidModelException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ScreeningModel.InvalidModelException cause) {
        return new FailureAnalysis("payment-service screens every payment and has no screening model it can use: "
                + cause.getMessage(),
                "Build the screening module (its build trains and packages the model), or point "
                        + "orderflow.payment.screening.model at a directory holding <version>.tribuo and its card "
                        + "<version>.json, trained on this code's features, and orderflow.payment.screening.version "
                        + "at its version (docs/screening.md). Payments are never let through unscreened.",
                cause);
    }
}

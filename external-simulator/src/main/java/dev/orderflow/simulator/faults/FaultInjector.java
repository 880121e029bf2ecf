package dev.orderflow.simulator.faults;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies a party's faults to each of its requests before the request is handled: first the latency, then an
 * outage or a random failure, so a failed request has done nothing (the client may safely retry it).
 */
class FaultInjector implements HandlerInterceptor {

    private final Party party;
    private final FaultPlan plan;

    FaultInjector(Party party, FaultPlan plan) {
        this.party = party;
        this.plan = plan;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        FaultSettings faults = plan.of(party);
        if (faults.latencyMs() > 0) {
            // Simulated slowness is the point here: the caller's timeouts must see a slow party.
            Thread.sleep(faults.latencyMs());
        }
        if (faults.outage()) {
            throw new PartyUnavailableException(party, party.name().toLowerCase() + " is down (simulated outage)");
        }
        if (plan.failsNow(party)) {
            throw new PartyUnavailableException(party, party.name().toLowerCase() + " failed (simulated failure)");
        }
        return true;
    }
}

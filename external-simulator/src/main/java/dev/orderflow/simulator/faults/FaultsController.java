package dev.orderflow.simulator.faults;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads and changes a party's faults at run time, e.g. {@code PUT /admin/faults/psp {"outage":true}}. */
@RestController
@RequestMapping("/admin/faults")
class FaultsController {

    private final FaultPlan plan;

    FaultsController(FaultPlan plan) {
        this.plan = plan;
    }

    @GetMapping("/{party}")
    FaultSettings read(@PathVariable String party) {
        return plan.of(party(party));
    }

    @PutMapping("/{party}")
    FaultSettings change(@PathVariable String party, @Valid @RequestBody FaultSettings faults) {
        Party target = party(party);
        plan.set(target, faults);
        return plan.of(target);
    }

    private static Party party(String name) {
        return Party.named(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no simulated party '" + name + "'; known: psp, provider"));
    }
}

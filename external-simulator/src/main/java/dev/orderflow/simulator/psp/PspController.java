package dev.orderflow.simulator.psp;

import dev.orderflow.simulator.web.IdempotencyKey;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The gateway's HTTP API: charges and refunds, each under an {@code Idempotency-Key}. */
@RestController
@RequestMapping("/psp")
class PspController {

    private final PaymentGateway gateway;

    PspController(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/charges")
    @ResponseStatus(HttpStatus.CREATED)
    Charge charge(@RequestHeader(IdempotencyKey.HEADER) String key, @Valid @RequestBody ChargeRequest request) {
        return gateway.charge(IdempotencyKey.require(key), request);
    }

    @PostMapping("/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    Refund refund(@RequestHeader(IdempotencyKey.HEADER) String key, @Valid @RequestBody RefundRequest request) {
        return gateway.refund(IdempotencyKey.require(key), request);
    }

    /** For tests and demos: what the gateway charged for a merchant reference. */
    @GetMapping("/charges")
    List<Charge> charges(@RequestParam String reference) {
        return gateway.chargesFor(reference);
    }

    /** For tests and demos: what the gateway paid back of a charge. */
    @GetMapping("/refunds")
    List<Refund> refunds(@RequestParam String chargeId) {
        return gateway.refundsOf(chargeId);
    }
}

package dev.orderflow.order.web;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.Money;
import dev.orderflow.order.saga.PlaceOrderSaga;
import dev.orderflow.order.saga.PlaceOrderSagas;
import dev.orderflow.order.saga.SagaCommand;
import dev.orderflow.order.saga.SagaDecision;
import dev.orderflow.order.saga.SagaStep;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Operators' endpoints for sagas stuck in a running step (a participant down, a command dead-lettered): list them,
 * resume one (its step's command sent again, with a new deadline) or compensate one (ended now as its deadline would
 * end it). Each action is a decision of the saga, carried out in one transaction with its commands in the outbox,
 * like a reply; the console offers them to administrators.
 */
@RestController
@RequestMapping(path = "/api/admin/sagas", produces = MediaType.APPLICATION_JSON_VALUE)
class SagaAdminController {

    private final PlaceOrderSagas sagas;
    private final Clock clock;

    SagaAdminController(PlaceOrderSagas sagas, Clock clock) {
        this.sagas = sagas;
        this.clock = clock;
    }

    /** Running sagas started at least {@code runningFor} ago (ISO-8601, {@code PT10S} by default), oldest first. */
    @GetMapping
    @Operation(summary = "Running sagas started at least runningFor ago, oldest first (administrators)")
    List<SagaView> running(@RequestParam(defaultValue = "PT10S") Duration runningFor,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        if (runningFor.isNegative()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "runningFor must not be negative");
        }
        return sagas.runningSince(clock.instant().minus(runningFor), limit).stream().map(SagaView::of).toList();
    }

    /** Sends the step's command of a running saga again and gives it a new deadline; 409 if it has ended. */
    @PostMapping("/{orderId}/resume")
    @Operation(summary = "Send a running saga's pending command again, with a new deadline (administrators)",
            description = "The participants answer a repeated command as they answered the first. A saga that has "
                    + "ended: 409.")
    SagaAction resume(@PathVariable UUID orderId) {
        return SagaAction.of(sagas.resume(orderId));
    }

    /** Ends a running saga now, REJECTED / TIMED_OUT, with its compensations; 409 if it has ended. */
    @PostMapping("/{orderId}/compensate")
    @Operation(summary = "End a running saga now as its deadline would: REJECTED, TIMED_OUT (administrators)",
            description = "Stock released, and the payment refunded if it was asked for. A saga that has ended: 409.")
    SagaAction compensate(@PathVariable UUID orderId) {
        return SagaAction.of(sagas.compensate(orderId));
    }

    /** A saga as operators see it. */
    record SagaView(UUID orderId, String customerId, Money total, SagaStep step, boolean paymentRequested,
                    Instant startedAt, Instant deadline, Instant endedAt) {

        static SagaView of(PlaceOrderSaga saga) {
            return new SagaView(saga.orderId(), saga.customerId(), saga.total(), saga.step(), saga.paymentRequested(),
                    saga.startedAt(), saga.deadline(), saga.endedAt());
        }
    }

    /** What an operator's action did: the saga afterwards and the commands sent (their {@code ce_type}s, in order). */
    record SagaAction(SagaView saga, List<String> sent) {

        static SagaAction of(SagaDecision decision) {
            return new SagaAction(SagaView.of(decision.saga()), decision.commands().stream()
                    .map(command -> switch (command) {
                        case SagaCommand.ToInventory(var stock) -> MessageCatalog.of(stock.getClass()).name();
                        case SagaCommand.ToPayment(var payment) -> MessageCatalog.of(payment.getClass()).name();
                    })
                    .toList());
        }
    }
}

package dev.orderflow.order.saga;

import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.order.config.OrderProperties;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderNotFoundException;
import dev.orderflow.order.domain.OrderStateException;
import dev.orderflow.order.domain.Orders;
import dev.orderflow.order.saga.OrderChange.Cancel;
import dev.orderflow.order.saga.OrderChange.Confirm;
import dev.orderflow.order.saga.OrderChange.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Runs the place-order sagas: loads and locks a saga, lets {@link PlaceOrderSaga} decide, and carries the decision
 * out in one transaction: the order's events first, then the saga's new state, then the commands (outbox).
 */
@Component
public class PlaceOrderSagas {

    private static final Logger log = LoggerFactory.getLogger(PlaceOrderSagas.class);

    private final PlaceOrderSagaStore store;
    private final Orders orders;
    private final Outbox outbox;
    private final SagaMetrics metrics;
    private final Clock clock;
    private final OrderProperties properties;

    PlaceOrderSagas(PlaceOrderSagaStore store, Orders orders, Outbox outbox, SagaMetrics metrics, Clock clock,
                    OrderProperties properties) {
        this.store = store;
        this.orders = orders;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts the saga of a just placed order, in the transaction that stores the order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void begin(Order order) {
        List<StockLine> lines = order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
        SagaDecision start = PlaceOrderSaga.begin(order.id(), order.customerId(), order.total(), lines,
                order.createdAt(), properties.sagaDeadline());
        store.insert(start.saga());
        send(start);
    }

    /** A participant replied: the saga of that order decides what follows. */
    @Transactional
    public void react(UUID orderId, Object reply, BiFunction<PlaceOrderSaga, Instant, SagaDecision> rule) {
        String replyName = reply.getClass().getSimpleName();
        store.lock(orderId).ifPresentOrElse(
                saga -> carryOut(saga, rule.apply(saga, clock.instant()), replyName),
                () -> {
                    log.warn("{} for order {} that has no saga here: ignored", replyName, orderId);
                    metrics.ignored(replyName);
                });
    }

    /** The customer cancels: compensations go out and the order is CANCELLED, or it is terminal already. */
    @Transactional
    public Order cancel(UUID orderId) {
        PlaceOrderSaga saga = store.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        Order order = orders.get(orderId);
        if (!order.isCancellable()) {
            throw new OrderStateException(orderId, order.status(), "cancelled");
        }
        carryOut(saga, saga.onCancel(clock.instant()), "cancel");
        return orders.get(orderId);
    }

    /** Running sagas started before {@code startedBefore}, the oldest first: the ones an operator may look at. */
    @Transactional(readOnly = true)
    public List<PlaceOrderSaga> runningSince(Instant startedBefore, int limit) {
        return store.running(startedBefore, limit);
    }

    /**
     * An operator resumes a stuck saga: its step's command goes out again, with a new deadline.
     *
     * @throws OrderNotFoundException if there is no saga for the order
     * @throws SagaEndedException     if it has finished
     */
    @Transactional
    public SagaDecision resume(UUID orderId) {
        PlaceOrderSaga saga = store.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (!saga.isRunning()) {
            throw new SagaEndedException(orderId, saga.step());
        }
        List<StockLine> lines = orders.get(orderId).lines().stream()
                .map(line -> new StockLine(line.sku(), line.quantity())).toList();
        SagaDecision decision = saga.onResume(clock.instant(), properties.sagaDeadline(), lines);
        carryOut(saga, decision, "resume");
        log.info("Saga of order {} resumed by an operator in step {}: sent {} again", orderId, saga.step(),
                decision.commands());
        return decision;
    }

    /**
     * An operator gives up on a stuck saga: it ends now as its deadline would end it, with its compensations.
     *
     * @throws OrderNotFoundException if there is no saga for the order
     * @throws SagaEndedException     if it has finished
     */
    @Transactional
    public SagaDecision compensate(UUID orderId) {
        PlaceOrderSaga saga = store.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (!saga.isRunning()) {
            throw new SagaEndedException(orderId, saga.step());
        }
        SagaDecision decision = saga.onCompensate(clock.instant());
        carryOut(saga, decision, "compensate");
        log.info("Saga of order {} compensated by an operator in step {}: sent {}", orderId, saga.step(),
                decision.commands());
        return decision;
    }

    /**
     * Times out a batch of sagas past their deadline; answers how many it locked. Safe on every instance at once:
     * each takes only rows nobody else holds.
     */
    @Transactional
    public int timeOutOverdue() {
        Instant now = clock.instant();
        List<PlaceOrderSaga> overdue = store.lockOverdue(now, properties.deadlineScanBatch());
        for (PlaceOrderSaga saga : overdue) {
            carryOut(saga, saga.onDeadline(now), "deadline");
        }
        return overdue.size();
    }

    private void carryOut(PlaceOrderSaga before, SagaDecision decision, String trigger) {
        switch (decision.kind()) {
            case IGNORED -> {
                log.debug("{} for order {} in step {}: ignored", trigger, before.orderId(), before.step());
                metrics.ignored(trigger);
                return;
            }
            case ACKNOWLEDGED -> {
                return;
            }
            case ADVANCED, LATE_REPLY_COMPENSATED -> {
                // carried out below
            }
        }
        decision.orderChange().ifPresent(change -> changeOrder(before.orderId(), change, clock.instant()));
        store.update(decision.saga());
        send(decision);
        if (decision.ends(before)) {
            metrics.ended(decision.saga());
        } else if (before.step() == SagaStep.CONFIRMED && decision.saga().step() == SagaStep.CANCELLED) {
            metrics.cancelledAfterConfirmation(decision.saga());
        }
        if (decision.kind() == SagaDecision.Kind.LATE_REPLY_COMPENSATED) {
            log.info("{} for order {} that ended {}: compensated with {}", trigger, before.orderId(), before.step(),
                    decision.commands());
            metrics.lateReplyCompensated(trigger);
        }
    }

    private void changeOrder(UUID orderId, OrderChange change, Instant now) {
        Order order = orders.get(orderId);
        switch (change) {
            case Confirm confirm -> order.confirm(now);
            case Reject reject -> order.reject(reject.reason(), now);
            case Cancel cancel -> order.cancel(now);
        }
        orders.save(order);
    }

    private void send(SagaDecision decision) {
        String key = decision.saga().orderId().toString();
        for (SagaCommand command : decision.commands()) {
            switch (command) {
                case SagaCommand.ToInventory(var stockCommand) -> outbox.append(key, stockCommand);
                case SagaCommand.ToPayment(var paymentCommand) -> outbox.append(key, paymentCommand);
            }
        }
    }
}

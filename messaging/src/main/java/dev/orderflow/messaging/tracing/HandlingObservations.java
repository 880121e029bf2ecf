package dev.orderflow.messaging.tracing;

import dev.orderflow.messaging.IncomingMessage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * Observes the handling of each message ({@value #NAME}: a timer per topic, consumer group and message type).
 *
 * <p>With Micrometer Tracing in the service, the observation is a consumer span that continues the trace of the
 * message's {@code traceparent}: its parent is the span that appended the message in the sending service. The span
 * is current while the handler runs, so the messages the handler appends carry it as their parent in turn
 * ({@link MicrometerCurrentTrace}), and one order's spans in every service are one trace.
 */
public final class HandlingObservations {

    /** The observation's name, and the timer's. */
    public static final String NAME = "orderflow.messaging.handle";

    /** The observation of work done later on behalf of a handled message, and its timer's name. */
    public static final String WORK_NAME = "orderflow.messaging.work";

    /** The span attribute holding the message's correlation id. */
    public static final String CORRELATION_ID = "orderflow.correlation.id";

    private static final String TRACEPARENT = "traceparent";

    private final ObservationRegistry registry;

    public HandlingObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code handling} as the handling of {@code message} by {@code consumer}, observed. */
    public void observe(IncomingMessage message, String consumer, Runnable handling) {
        ReceiverContext<IncomingMessage> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? carrier.traceparent() : null);
        context.setCarrier(message);
        context.setRemoteServiceName("kafka");
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName(message.topic() + " process")
                .lowCardinalityKeyValue("messaging.system", "kafka")
                .lowCardinalityKeyValue("messaging.destination.name", message.topic())
                .lowCardinalityKeyValue("messaging.consumer.group.name", consumer)
                .lowCardinalityKeyValue("orderflow.message.type", message.type())
                .highCardinalityKeyValue("messaging.message.id", message.id());
        if (message.correlationId() != null) {
            // The order id for the saga's messages: an order's spans can be found by it.
            observation.highCardinalityKeyValue(CORRELATION_ID, message.correlationId());
        }
        observation.observe(handling);
    }

    /**
     * Runs {@code work} that a handled message asked for and a background worker does later (a charge, a delivery),
     * observed as {@code name}: with a tracer, a span continuing the trace {@code traceparent} names (the handling's
     * span, stored with the work), so that the worker's calls and the messages it appends stay in that trace.
     */
    public void observeWork(String name, String traceparent, String correlationId, Runnable work) {
        ReceiverContext<String> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null);
        context.setCarrier(traceparent);
        Observation observation = Observation.createNotStarted(WORK_NAME, () -> context, registry)
                .contextualName(name)
                .lowCardinalityKeyValue("orderflow.work", name);
        if (correlationId != null) {
            observation.highCardinalityKeyValue(CORRELATION_ID, correlationId);
        }
        observation.observe(work);
    }
}

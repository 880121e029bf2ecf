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
        continuing(NAME, message.traceparent(), message.correlationId(), "kafka")
                .contextualName(message.topic() + " process")
                .lowCardinalityKeyValue("messaging.system", "kafka")
                .lowCardinalityKeyValue("messaging.destination.name", message.topic())
                .lowCardinalityKeyValue("messaging.consumer.group.name", consumer)
                .lowCardinalityKeyValue("orderflow.message.type", message.type())
                .highCardinalityKeyValue("messaging.message.id", message.id())
                .observe(handling);
    }

    /**
     * Runs {@code work} that a handled message asked for and a background worker does later (a charge, a delivery),
     * observed as {@code name}: with a tracer, a span continuing the trace {@code traceparent} names (the handling's
     * span, stored with the work), so that the worker's calls and the messages it appends stay in that trace.
     */
    public void observeWork(String name, String traceparent, String correlationId, Runnable work) {
        continuing(WORK_NAME, traceparent, correlationId, null)
                .contextualName(name)
                .lowCardinalityKeyValue("orderflow.work", name)
                .observe(work);
    }

    /**
     * An observation whose context carries {@code traceparent} (null: none), so that a tracer's span continues that
     * trace, and the correlation id (the order id for the saga's messages: an order's spans can be found by it).
     */
    private Observation continuing(String name, String traceparent, String correlationId, String remoteService) {
        ReceiverContext<String> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null);
        context.setCarrier(traceparent);
        context.setRemoteServiceName(remoteService);
        Observation observation = Observation.createNotStarted(name, () -> context, registry);
        if (correlationId != null) {
            observation.highCardinalityKeyValue(CORRELATION_ID, correlationId);
        }
        return observation;
    }
}

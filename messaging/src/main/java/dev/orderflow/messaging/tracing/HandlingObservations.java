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
        Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName(message.topic() + " process")
                .lowCardinalityKeyValue("messaging.system", "kafka")
                .lowCardinalityKeyValue("messaging.destination.name", message.topic())
                .lowCardinalityKeyValue("messaging.consumer.group.name", consumer)
                .lowCardinalityKeyValue("orderflow.message.type", message.type())
                .highCardinalityKeyValue("messaging.message.id", message.id())
                .observe(handling);
    }
}

package dev.orderflow.messaging.tracing;

import dev.orderflow.messaging.OutgoingMessage;
import dev.orderflow.messaging.envelope.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

import java.util.concurrent.TimeUnit;

/**
 * {@link RelayTracing} with Micrometer Tracing: the parent comes from the message's stored {@code traceparent} through
 * the service's propagator, as a consumer's does; the span starts at the message's append time. Without a tracer (or
 * when the parent is not sampled) the message goes out untouched.
 */
public final class MicrometerRelayTracing implements RelayTracing {

    private static final String TRACEPARENT = "traceparent";

    private final SingletonSupplier<Tracer> tracer;
    private final SingletonSupplier<Propagator> propagator;

    /**
     * Looked up at the first message, not per message (the relay's hot path), and not before: a tracer may be defined
     * after messaging's configuration, or not at all (then looked up again, cheaply, as there is none).
     */
    public MicrometerRelayTracing(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        this.tracer = SingletonSupplier.of(tracers::getIfUnique);
        this.propagator = SingletonSupplier.of(propagators::getIfUnique);
    }

    @Override
    public Relayed sending(OutgoingMessage message) {
        Tracer tracer = this.tracer.get();
        Propagator propagator = this.propagator.get();
        if (tracer == null || propagator == null) {
            return new Untraced(message);
        }
        Span.Builder builder = propagator.extract(message.traceparent(),
                        (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name(message.topic() + " publish")
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.type", "publish")
                .tag("messaging.destination.name", message.topic())
                .tag("messaging.message.id", message.id().toString())
                .tag("orderflow.message.type", message.type())
                .startTimestamp(message.time().toEpochMilli(), TimeUnit.MILLISECONDS);
        if (message.correlationId() != null) {
            builder.tag(HandlingObservations.CORRELATION_ID, message.correlationId());
        }
        Span span = builder.start();
        if (span.isNoop()) {
            return new Untraced(message);
        }
        TraceContext context = span.context();
        String traceparent;
        try {
            traceparent = Traceparent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()))
                    .toString();
        } catch (IllegalArgumentException notW3cIds) {
            span.end();
            return new Untraced(message);
        }
        return new Traced(span, new OutgoingMessage(message.id(), message.topic(), message.key(), message.type(),
                message.source(), message.time(), message.sequence(), message.correlationId(), message.causationId(),
                traceparent, message.payload()));
    }

    private record Traced(Span span, OutgoingMessage message) implements Relayed {

        @Override
        public void acknowledged() {
            span.end();
        }

        @Override
        public void notPublished(Throwable reason) {
            span.error(reason);
            span.end();
        }
    }
}

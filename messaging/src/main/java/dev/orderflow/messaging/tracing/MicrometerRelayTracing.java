package dev.orderflow.messaging.tracing;

import dev.orderflow.messaging.OutgoingMessage;
import dev.orderflow.messaging.envelope.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;

import java.util.concurrent.TimeUnit;

/**
 * {@link RelayTracing} with Micrometer Tracing: the parent comes from the message's stored {@code traceparent} through
 * the service's propagator, as a consumer's does; the span starts at the message's append time. Without a tracer (or
 * when the parent is not sampled) the message goes out untouched.
 */
public final class MicrometerRelayTracing implements RelayTracing {

    private static final String TRACEPARENT = "traceparent";

    private final ObjectProvider<Tracer> tracers;
    private final ObjectProvider<Propagator> propagators;

    /** Looked up per message: a tracer may be defined after messaging's configuration, or not at all. */
    public MicrometerRelayTracing(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        this.tracers = tracers;
        this.propagators = propagators;
    }

    @Override
    public Relayed sending(OutgoingMessage message) {
        Tracer tracer = tracers.getIfUnique();
        Propagator propagator = propagators.getIfUnique();
        if (tracer == null || propagator == null) {
            return new Untraced(message);
        }
        Span span = propagator.extract(message.traceparent(), (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name(message.topic() + " publish")
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.type", "publish")
                .tag("messaging.destination.name", message.topic())
                .tag("messaging.message.id", message.id().toString())
                .tag("orderflow.message.type", message.type())
                .tag(HandlingObservations.CORRELATION_ID, message.correlationId() == null ? ""
                        : message.correlationId())
                .startTimestamp(message.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                .start();
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

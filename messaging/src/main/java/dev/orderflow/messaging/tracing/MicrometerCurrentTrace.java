package dev.orderflow.messaging.tracing;

import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

import java.util.Optional;

/** The current span of Micrometer Tracing's tracer, when the service has one. */
public final class MicrometerCurrentTrace implements CurrentTrace {

    private final SingletonSupplier<Tracer> tracer;

    /**
     * The tracer is looked up at the first call, not per call (every outbox append asks: a bean lookup there was 2-5%
     * of a service's CPU), and not before: it may be defined after messaging's configuration, or not at all (then
     * looked up again).
     */
    public MicrometerCurrentTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer::getIfUnique);
    }

    @Override
    public Optional<Traceparent> current() {
        Tracer current = tracer.get();
        if (current == null) {
            return Optional.empty();
        }
        Span span = current.currentSpan();
        if (span == null || span.isNoop()) {
            return Optional.empty();
        }
        TraceContext context = span.context();
        try {
            return Optional.of(Traceparent.of(context.traceId(), context.spanId(),
                    Boolean.TRUE.equals(context.sampled())));
        } catch (IllegalArgumentException notW3cIds) {
            return Optional.empty();
        }
    }
}

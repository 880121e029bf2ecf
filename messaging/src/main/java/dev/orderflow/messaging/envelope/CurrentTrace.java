package dev.orderflow.messaging.envelope;

import java.util.Optional;

/** The trace context of the work running on this thread, as a tracer (if any) sees it. */
@FunctionalInterface
public interface CurrentTrace {

    /** No tracer on the classpath or in the context: messages continue the trace of the message being handled. */
    CurrentTrace NONE = Optional::empty;

    Optional<Traceparent> current();
}

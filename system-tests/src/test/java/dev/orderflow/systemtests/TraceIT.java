package dev.orderflow.systemtests;

import dev.orderflow.systemtests.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per order: the spans every service exports for one order (docs/observability.md) share one trace id,
 * rooted in order-service's {@code POST /api/orders}, and each Kafka hop is a consumer span whose parent is the
 * sending service's relay span, itself a child of the span that appended the message.
 */
class TraceIT extends EndToEndTest {

    private static final String CORRELATION_ID = "orderflow.correlation.id";
    private static final Set<String> MESSAGING_SERVICES = Set.of("order-service", "inventory-service",
            "payment-service", "notification-service");

    private final OtlpReceiver traces = RunningSystem.traces();

    @Test
    void anOrdersSpansInEveryServiceAreOneTraceWithASpanPerHopUnderItsSender() {
        String sku = catalog.newProduct("12.50", 5);
        String orderId = api.placeAcceptedOrder("c-1003", new Api.Line(sku, 1));
        invariants.awaitStatus(orderId, "CONFIRMED");

        // The spans arrive in each exporter's batches, a few seconds after they end. Every message of the order (the
        // saga's commands and replies, the order's events) is handled in a consumer span carrying the order id.
        List<ReceivedSpan> handled = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> traces.spans(span -> orderId.equals(span.attributes().get(CORRELATION_ID))
                                && span.attributes().containsKey("messaging.consumer.group.name")),
                        spans -> spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet())
                                .containsAll(MESSAGING_SERVICES));
        Set<String> traceIds = handled.stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
        assertThat(traceIds).as("the trace ids of the order's consumer spans").hasSize(1);
        String traceId = traceIds.iterator().next();

        // Every parent of those spans arrives too: the whole chain back to the root.
        Map<String, ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> bySpanId(traces.spans(span -> span.traceId().equals(traceId))),
                        spans -> handled.stream().allMatch(span -> reachesTheRoot(span, spans)));

        List<ReceivedSpan> roots = trace.values().stream().filter(ReceivedSpan::isRoot).toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("order-service");
            assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
            assertThat(root.name()).isEqualToIgnoringCase("http post /api/orders");
        });
        // Each hop: the sending service's relay span (from the append to the broker's acknowledgement, a child of the
        // span that appended the message) is the parent of the consumer's span.
        assertThat(handled).allSatisfy(span -> {
            assertThat(span.kind()).isEqualTo("SPAN_KIND_CONSUMER");
            ReceivedSpan relayed = trace.get(span.parentSpanId());
            assertThat(relayed.service()).as("the sender of the message %s handled", span.name())
                    .isNotEqualTo(span.service());
            assertThat(relayed.kind()).isEqualTo("SPAN_KIND_PRODUCER");
            assertThat(relayed.name()).isEqualTo(span.attributes().get("messaging.destination.name") + " publish");
            assertThat(trace.get(relayed.parentSpanId()).service()).as("the span that appended it")
                    .isEqualTo(relayed.service());
        });
        assertThat(handled).extracting(ReceivedSpan::service).containsAll(MESSAGING_SERVICES);

        // The work left to background workers stays in the trace with the calls it makes: payment's charge and its
        // call to the gateway, notification's deliveries and their calls to the provider (both the simulator).
        assertCallUnder(traceId, "payment-service", "payment charge");
        assertCallUnder(traceId, "notification-service", "notification delivery");
    }

    /** The simulator answered a call of {@code service} made in a span named {@code work}, in the trace. */
    private void assertCallUnder(String traceId, String service, String work) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, ReceivedSpan> trace = bySpanId(traces.spans(span -> span.traceId().equals(traceId)));
            assertThat(trace.values()).as("the simulator's server spans of a call by %s in %s", service, work)
                    .anySatisfy(answer -> {
                        assertThat(answer.service()).isEqualTo("external-simulator");
                        assertThat(answer.kind()).isEqualTo("SPAN_KIND_SERVER");
                        ReceivedSpan call = trace.get(answer.parentSpanId());
                        assertThat(call.service()).isEqualTo(service);
                        assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
                        assertThat(trace.get(call.parentSpanId()).name()).isEqualTo(work);
                    });
        });
    }

    private static Map<String, ReceivedSpan> bySpanId(List<ReceivedSpan> spans) {
        return spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
    }

    private static boolean reachesTheRoot(ReceivedSpan span, Map<String, ReceivedSpan> trace) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 100 && current != null; depth++) {
            if (current.isRoot()) {
                return true;
            }
            current = trace.get(current.parentSpanId());
        }
        return false;
    }
}

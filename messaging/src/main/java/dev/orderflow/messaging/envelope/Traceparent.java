package dev.orderflow.messaging.envelope;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context {@code traceparent} (version 00): {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}.
 *
 * @param traceId  32 lower-case hex digits, not all zero
 * @param parentId 16 lower-case hex digits, not all zero: the span that sent the message
 * @param flags    2 hex digits; bit 0 says the trace is sampled
 */
public record Traceparent(String traceId, String parentId, String flags) {

    private static final Pattern HEADER = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public Traceparent {
        if (!isLowerHex(traceId, 32) || traceId.equals(ZERO_TRACE_ID)) {
            throw new IllegalArgumentException("invalid trace id: " + traceId);
        }
        if (!isLowerHex(parentId, 16) || parentId.equals(ZERO_PARENT_ID)) {
            throw new IllegalArgumentException("invalid parent id: " + parentId);
        }
        if (!isLowerHex(flags, 2)) {
            throw new IllegalArgumentException("invalid trace flags: " + flags);
        }
    }

    /**
     * Reads a header value. Per the W3C spec, an unknown future version is read for its first four fields, and
     * version {@code ff} or any malformed value is no trace context at all.
     */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 55) {
            return Optional.empty();
        }
        var matcher = HEADER.matcher(value.substring(0, 55));
        if (!matcher.matches() || matcher.group(1).equals("ff")
                || (matcher.group(1).equals("00") && value.length() != 55)
                || (value.length() > 55 && value.charAt(55) != '-')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Traceparent(matcher.group(2), matcher.group(3), matcher.group(4)));
        } catch (IllegalArgumentException allZeroIds) {
            return Optional.empty();
        }
    }

    /** A new trace, sampled: for a message that starts a flow when no tracer is present. */
    public static Traceparent newTrace() {
        return new Traceparent(randomHex(16, ZERO_TRACE_ID), randomHex(8, ZERO_PARENT_ID), "01");
    }

    /**
     * A trace context from a tracer's ids, which may be 64-bit (16 hex digits) trace ids: those are left-padded
     * with zeros, as the W3C spec says.
     */
    public static Traceparent of(String traceId, String spanId, boolean sampled) {
        String paddedTraceId = "0".repeat(Math.max(0, 32 - traceId.length())) + traceId.toLowerCase();
        String paddedSpanId = "0".repeat(Math.max(0, 16 - spanId.length())) + spanId.toLowerCase();
        return new Traceparent(paddedTraceId, paddedSpanId, sampled ? "01" : "00");
    }

    public boolean sampled() {
        return (HexFormat.fromHexDigits(flags) & 1) == 1;
    }

    /** The header value. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    /** Whether {@code value} is {@code length} lower-case hex digits (every message is checked: no regex). */
    private static boolean isLowerHex(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String randomHex(int bytes, String zero) {
        byte[] buffer = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(buffer);
            hex = HEX.formatHex(buffer);
        } while (hex.equals(zero));
        return hex;
    }
}

-- The trace every message of an order carries (W3C traceparent's trace id): where to find its spans.
ALTER TABLE order_flow ADD COLUMN trace_id VARCHAR(32);

-- The W3C trace context the order event that asked for a notification was handled in: the dispatcher's delivery
-- continues it, so the call to the provider is part of the order's trace (docs/observability.md). Null for
-- notifications made before this column, whose deliveries start traces of their own.
ALTER TABLE notification ADD COLUMN trace_context VARCHAR(64);

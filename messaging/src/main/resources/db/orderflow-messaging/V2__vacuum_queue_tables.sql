-- The outbox and the inbox behave like queues: every row is inserted, updated or deleted soon after. Vacuum them
-- after a small share of dead rows (not PostgreSQL's default 20%), so the relay's scan of the partial index on
-- unpublished rows does not wade through the dead entries of rows it published moments ago.
alter table messaging.outbox set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                                  autovacuum_vacuum_cost_delay = 0);
alter table messaging.inbox set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);

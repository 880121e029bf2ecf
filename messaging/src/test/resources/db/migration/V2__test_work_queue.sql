-- A queue table in the shape WorkQueue documents, for the background worker's tests.
create table test_work_queue (
    item_id     uuid        primary key,
    due_at      timestamptz not null,
    attempts    integer     not null default 0,
    enqueued_at timestamptz not null
);
create index test_work_queue_due on test_work_queue (due_at);

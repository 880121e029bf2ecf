-- Messages a service gave up on, read from the dead-letter topics: what each was, which consumer group gave up on it
-- (the service that replays it) and why. Keyed by where it sits in its dead-letter topic, so a redelivery adds nothing.
CREATE TABLE dead_letter (
    topic            VARCHAR(249)  NOT NULL,
    kafka_partition  INTEGER       NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    original_topic   VARCHAR(249)  NOT NULL,
    message_id       TEXT,
    type             TEXT,
    message_key      TEXT,
    consumer_group   VARCHAR(255),
    reason           VARCHAR(2000),
    dead_lettered_at TIMESTAMPTZ   NOT NULL,
    recorded_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

-- Each topic's latest first; and what is old enough to forget.
CREATE INDEX dead_letter_latest ON dead_letter (topic, dead_lettered_at);
CREATE INDEX dead_letter_age ON dead_letter (dead_lettered_at);

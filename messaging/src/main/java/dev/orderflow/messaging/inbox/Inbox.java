package dev.orderflow.messaging.inbox;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remembers which messages each consumer has handled. Called inside the handler's transaction, so the record and
 * the handler's effects commit or roll back together; a concurrent second delivery waits on the primary key
 * until the first transaction ends and then finds the conflict.
 */
public class Inbox {

    private static final String RECORD = """
            insert into messaging.inbox (consumer, message_id, received_at) values (?, ?, now())
            on conflict do nothing""";

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the message as handled by {@code consumer}; false if it already was (a duplicate delivery). */
    public boolean firstDelivery(String consumer, String messageId) {
        return jdbc.update(RECORD, consumer, messageId) == 1;
    }
}

package dev.orderflow.payment.store;

import dev.orderflow.events.Money;
import dev.orderflow.screening.CustomerHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.orderflow.payment.store.Columns.instant;
import static dev.orderflow.payment.store.Columns.timestamp;

/**
 * Each customer's payment history as screening reads it ({@link CustomerHistory}), one row per customer. Every method
 * is called with the customer's credit account locked ({@link CreditAccounts#findForUpdate}), so the changes of two
 * payments of one customer never interleave.
 *
 * <p>An outcome ({@link #authorized}, {@link #declined}) counts only against an attempt the history holds: a payment
 * that was pending when screening was installed has none, and changes nothing.
 */
@Repository
public class CustomerHistories {

    private final JdbcClient jdbc;

    CustomerHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customer's history; a new one, from the opening of its account, before its first attempt. Empty if the
     * customer has no account.
     */
    public Optional<CustomerHistory> find(String customerId) {
        return jdbc.sql("SELECT a.opened_at, " + COLUMNS + " FROM credit_accounts a "
                        + "LEFT JOIN customer_history h ON h.customer_id = a.customer_id WHERE a.customer_id = ?")
                .param(customerId)
                .query((row, number) -> read(row))
                .optional();
    }

    /**
     * The history's columns, as {@code h.}, for a statement that joins {@code customer_history h} to the account's
     * row (which gives {@code opened_at}) and reads the row with {@link #read}.
     */
    static final String COLUMNS = """
            h.attempts, h.authorized, h.authorized_amount, h.largest_amount, h.declines, h.refunds, h.last_attempt_at,
            h.last_day""";

    /** The history of a row with {@link #COLUMNS} and the account's {@code opened_at}; new if it has none yet. */
    static CustomerHistory read(ResultSet row) throws SQLException {
        Instant opened = instant(row, "opened_at");
        if (row.getObject("attempts") == null) {
            return new CustomerHistory(opened);
        }
        return CustomerHistory.of(new CustomerHistory.State(opened, row.getLong("attempts"),
                row.getLong("authorized"), row.getDouble("authorized_amount"), row.getDouble("largest_amount"),
                row.getLong("declines"), row.getLong("refunds"), instant(row, "last_attempt_at"),
                instants(row.getArray("last_day"))));
    }

    /** Keeps the history as it is now, after an attempt. */
    public void save(String customerId, CustomerHistory history) {
        CustomerHistory.State state = history.state();
        jdbc.sql("""
                        INSERT INTO customer_history (customer_id, attempts, authorized, authorized_amount,
                                                      largest_amount, declines, refunds, last_attempt_at, last_day)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz[])
                        ON CONFLICT (customer_id) DO UPDATE SET
                            attempts = excluded.attempts, authorized = excluded.authorized,
                            authorized_amount = excluded.authorized_amount, largest_amount = excluded.largest_amount,
                            declines = excluded.declines, refunds = excluded.refunds,
                            last_attempt_at = excluded.last_attempt_at, last_day = excluded.last_day""")
                .params(customerId, state.attempts(), state.authorized(), state.authorizedAmount(),
                        state.largestAmount(), state.declines(), state.refunds(), timestamp(state.lastAttemptAt()),
                        state.lastDay().stream().map(Instant::toString).toArray(String[]::new))
                .update();
    }

    /** An attempt of the customer's was authorized after all (by the gateway), in one statement. */
    public void authorized(String customerId, Money amount) {
        jdbc.sql("""
                        UPDATE customer_history
                        SET authorized = authorized + 1, authorized_amount = authorized_amount + ?,
                            largest_amount = greatest(largest_amount, ?)
                        WHERE customer_id = ? AND authorized + declines < attempts""")
                .params(amount.amount().doubleValue(), amount.amount().doubleValue(), customerId)
                .update();
    }

    /** An attempt of the customer's was declined after all (by the gateway, or closed before its charge). */
    public void declined(String customerId) {
        jdbc.sql("""
                        UPDATE customer_history SET declines = declines + 1
                        WHERE customer_id = ? AND authorized + declines < attempts""")
                .param(customerId)
                .update();
    }

    /** An authorized payment of the customer's was refunded. */
    public void refunded(String customerId) {
        jdbc.sql("UPDATE customer_history SET refunds = refunds + 1 WHERE customer_id = ?").param(customerId).update();
    }

    private static List<Instant> instants(Array array) throws SQLException {
        List<Instant> instants = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            instants.add(((Timestamp) value).toInstant());
        }
        return instants;
    }
}

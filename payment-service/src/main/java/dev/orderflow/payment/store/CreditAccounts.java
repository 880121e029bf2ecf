package dev.orderflow.payment.store;

import dev.orderflow.events.Money;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.screening.CustomerHistory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

import static dev.orderflow.payment.store.Columns.instant;
import static dev.orderflow.payment.store.Columns.timestamp;

/**
 * Customers' credit accounts. Every change is made to an account read {@link #findForUpdate} and written back with
 * {@link #update} in the same transaction, so two payments of one customer never spend the same credit.
 */
@Repository
public class CreditAccounts {

    private static final String COLUMNS = "customer_id, credit_limit, available, held, currency, updated_at";
    private static final String QUALIFIED = "a.customer_id, a.credit_limit, a.available, a.held, a.currency, "
            + "a.updated_at";

    private static final RowMapper<CreditAccount> ACCOUNT = (row, number) -> {
        String currency = row.getString("currency");
        return CreditAccount.restore(row.getString("customer_id"),
                new Money(row.getBigDecimal("credit_limit"), currency),
                new Money(row.getBigDecimal("available"), currency), new Money(row.getBigDecimal("held"), currency),
                instant(row, "updated_at"));
    };

    private final JdbcClient jdbc;

    CreditAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CreditAccount> findById(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credit_accounts WHERE customer_id = ?").param(customerId)
                .query(ACCOUNT).optional();
    }

    /** The account, locked until the transaction ends, so two payments of one customer cannot spend the same credit. */
    public Optional<CreditAccount> findForUpdate(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credit_accounts WHERE customer_id = ? FOR UPDATE")
                .param(customerId).query(ACCOUNT).optional();
    }

    /**
     * The account, locked as {@link #findForUpdate} locks it, and its customer's history ({@link CustomerHistories}),
     * read in one statement: what an authorization needs before it decides.
     */
    public Optional<LockedAccount> findForUpdateWithHistory(String customerId) {
        return jdbc.sql("SELECT " + QUALIFIED + ", a.opened_at, " + CustomerHistories.COLUMNS
                        + " FROM credit_accounts a LEFT JOIN customer_history h ON h.customer_id = a.customer_id"
                        + " WHERE a.customer_id = ? FOR UPDATE OF a")
                .param(customerId)
                .query((row, number) -> new LockedAccount(ACCOUNT.mapRow(row, number), CustomerHistories.read(row)))
                .optional();
    }

    /** An account locked until the transaction ends, and its customer's history before the payment at hand. */
    public record LockedAccount(CreditAccount account, CustomerHistory history) {
    }

    public boolean existsById(String customerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM credit_accounts WHERE customer_id = ?)").param(customerId)
                .query(Boolean.class).single();
    }

    /** Stores a new account; one that exists already fails the primary key. */
    public void insert(CreditAccount account) {
        jdbc.sql("INSERT INTO credit_accounts (" + COLUMNS + ", version) VALUES (?, ?, ?, ?, ?, ?, 0)")
                .params(account.customerId(), account.creditLimit().amount(), account.balance().amount(),
                        account.held().amount(), account.creditLimit().currency(), timestamp(account.updatedAt()))
                .update();
    }

    /** Writes back what changed of an account read {@link #findForUpdate} in this transaction. */
    public void update(CreditAccount account) {
        int updated = jdbc.sql("""
                        UPDATE credit_accounts SET credit_limit = ?, available = ?, held = ?, updated_at = ?,
                               version = version + 1
                         WHERE customer_id = ?""")
                .params(account.creditLimit().amount(), account.balance().amount(), account.held().amount(),
                        timestamp(account.updatedAt()), account.customerId())
                .update();
        Columns.requireOne(updated, "credit account", account.customerId());
    }
}

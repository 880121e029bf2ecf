package dev.orderflow.payment.store;

import dev.orderflow.events.Money;
import dev.orderflow.payment.domain.LedgerEntry;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

import static dev.orderflow.payment.store.Columns.instant;
import static dev.orderflow.payment.store.Columns.timestamp;

/** The append-only ledger: entries are added and read, never changed (a trigger refuses it). */
@Repository
public class Ledger {

    private static final String COLUMNS =
            "id, customer_id, kind, amount, available_after, currency, order_id, payment_id, created_at";

    private static final RowMapper<LedgerEntry> ENTRY = (row, number) -> {
        String currency = row.getString("currency");
        return LedgerEntry.restore(row.getObject("id", UUID.class), row.getString("customer_id"),
                LedgerEntry.Kind.valueOf(row.getString("kind")), new Money(row.getBigDecimal("amount"), currency),
                new Money(row.getBigDecimal("available_after"), currency), row.getObject("order_id", UUID.class),
                row.getObject("payment_id", UUID.class), instant(row, "created_at"));
    };

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(LedgerEntry entry) {
        jdbc.sql("INSERT INTO ledger_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.id(), entry.customerId(), entry.kind().name(), entry.amount().amount(),
                        entry.availableAfter().amount(), entry.amount().currency(), entry.orderId(),
                        entry.paymentId(), timestamp(entry.createdAt()))
                .update();
    }

    public List<LedgerEntry> findAllByOrderIdOrderByCreatedAt(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_entries WHERE order_id = ? ORDER BY created_at")
                .param(orderId).query(ENTRY).list();
    }
}

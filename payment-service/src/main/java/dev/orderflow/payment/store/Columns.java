package dev.orderflow.payment.store;

import org.springframework.dao.EmptyResultDataAccessException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between the domain's values and the columns of payment-service's tables. */
final class Columns {

    private Columns() {
    }

    /** An instant as a {@code TIMESTAMPTZ} parameter; null stays null. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMPTZ} column as an instant; null stays null. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An update of a row this transaction read and locked must find it. */
    static void requireOne(int updated, String what, Object id) {
        if (updated != 1) {
            throw new EmptyResultDataAccessException("no " + what + " " + id + " to update", 1);
        }
    }
}

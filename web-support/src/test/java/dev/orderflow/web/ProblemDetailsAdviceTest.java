package dev.orderflow.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    @Test
    void aBrokenConnectionIsTheDatabaseBeingAway() {
        assertThat(ProblemDetailsAdvice.connectionBroke(wrapped("57P01"))).as("terminated by an administrator").isTrue();
        assertThat(ProblemDetailsAdvice.connectionBroke(wrapped("08006"))).as("connection failure").isTrue();
        assertThat(ProblemDetailsAdvice.connectionBroke(wrapped("53300"))).as("too many connections").isTrue();
    }

    @Test
    void aRollbackThatCouldNotReachTheDatabaseIsTheDatabaseBeingAway() {
        RuntimeException rollbackFailed = new RuntimeException("as JpaSystemException wraps it",
                new org.hibernate.TransactionException("Unable to rollback against JDBC Connection",
                        new SQLException("Connection is closed")));

        assertThat(ProblemDetailsAdvice.connectionBroke(rollbackFailed)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(ProblemDetailsAdvice.connectionBroke(wrapped("42P01"))).as("undefined table").isFalse();
        assertThat(ProblemDetailsAdvice.connectionBroke(wrapped(null))).isFalse();
        assertThat(ProblemDetailsAdvice.connectionBroke(new IllegalStateException("no SQL at all"))).isFalse();
    }

    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("as Hibernate wraps it",
                new RuntimeException(new SQLException("driver says", sqlState)));
    }
}

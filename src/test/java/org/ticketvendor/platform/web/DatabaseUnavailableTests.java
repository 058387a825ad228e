package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A database that cannot be reached, a pool with no connection free in time, or a connection that broke
 * under a transaction is a 503, never a 500 (seen for real in {@code DatabaseRestartReliabilityIT}).
 */
class DatabaseUnavailableTests {

    final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void noConnectionInTimeIsA503WithRetryAfter() {
        var response = advice.handleDatabaseUnavailable(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException("timeout")));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(response.getBody().getProperties()).containsEntry("code", "unavailable");
    }

    @Test
    void aRollbackOnAConnectionThatBrokeIsA503NotA500() {
        // What the app met when PostgreSQL restarted under load: the pool had closed the broken connection,
        // and Hikari's "Connection is closed" carries no SQLState for Spring to translate.
        var rollbackFailed = new TransactionSystemException(
                "JDBC rollback failed", new java.sql.SQLException("Connection is closed"));
        var response = advice.handleDatabaseUnavailable(rollbackFailed);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
    }

    @Test
    void anOutageWrappedOnItsWayOutIsStillA503AndABugIsStillA500() {
        var wrapped = new IllegalStateException(
                "listener failed",
                new org.springframework.dao.DataAccessResourceFailureException(
                        "I/O error", new java.sql.SQLException("An I/O error occurred", "08006")));
        assertThat(advice.handleUnexpected(wrapped).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        var shuttingDown = new RuntimeException(
                new java.sql.SQLException("terminating connection due to administrator command", "57P01"));
        assertThat(advice.handleUnexpected(shuttingDown).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        var bug = new IllegalStateException("a bug", new java.sql.SQLException("syntax error", "42601"));
        assertThat(advice.handleUnexpected(bug).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(advice.handleUnexpected(new NullPointerException()).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void aTransactionThatCannotStartIsA503() {
        var response = advice.handleDatabaseUnavailable(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}

package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database that cannot be reached, or a pool with no connection free in time, is a 503, never a 500. */
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
    void aTransactionThatCannotStartIsA503() {
        var response = advice.handleDatabaseUnavailable(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}

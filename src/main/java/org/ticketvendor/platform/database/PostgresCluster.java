package org.ticketvendor.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's files under the data directory and the PostgreSQL tools that work on them:
 * {@code postgres/} (the cluster), {@code postgres-password} and {@code postgres.log}.
 *
 * <p>Every step tolerates a previous run that died at any point: initdb is redone when it did not finish,
 * and a server left running, or a pid file left behind, by a killed run is cleared before starting.
 */
final class PostgresCluster {

    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    /** For files that hold or receive the password. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path binDir;
    private final Path dataDir;
    private final Path directory;
    private final Path logFile;
    private final ServerUser user;

    PostgresCluster(Path binDir, Path dataDir, ServerUser user) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.directory = dataDir.resolve("postgres");
        this.logFile = dataDir.resolve("postgres.log");
        this.user = user;
    }

    Path directory() {
        return directory;
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Reads the superuser password, generating it for a new cluster. It never leaves the data directory,
     * where only the application's user can read it.
     */
    String password() throws IOException {
        Path file = dataDir.resolve("postgres-password");
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!existing.isEmpty()) {
                return existing;
            }
        }
        if (initialized()) {
            throw new IllegalStateException("The PostgreSQL cluster " + directory + " exists but its password file "
                    + file + " is missing or empty; restore it, or delete the cluster to start over (losing its data)");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, generated + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return generated;
    }

    /**
     * Runs initdb unless the cluster exists. initdb works in a staging directory that is renamed into place
     * on success, so a run killed halfway is redone instead of leaving a broken cluster behind.
     *
     * @param noSync skip initdb's fsyncs, for callers that switched durability off anyway
     */
    void initIfMissing(String password, boolean noSync) throws IOException {
        if (!initialized()) {
            init(password, noSync);
        }
        user.ownTree(directory);
        if (!Files.exists(logFile)) {
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        // The server appends to its log itself, so as root the log must belong to the server's account.
        user.own(logFile);
    }

    /**
     * Clears the way when a previous run was killed without stopping its server: a live server on the
     * cluster is stopped, and a pid file naming a dead or unrelated process is removed.
     */
    void clearStaleServer() throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = postmasterPid();
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        Optional<String> command = process.flatMap(p -> p.info().command());
        if (process.isEmpty() || command.isPresent() && !command.get().endsWith("/postgres")) {
            log.info("Removing stale {} (pid {} is not a running PostgreSQL server)", pidFile, pid);
            Files.deleteIfExists(pidFile);
        } else if (command.isPresent()) {
            log.warn("A PostgreSQL server (pid {}) from an earlier run still uses {}; stopping it", pid, directory);
            stop(process.get());
        }
        // Otherwise the process is another user's and cannot be inspected: PostgreSQL itself decides.
    }

    /** {@code pg_ctl start}, waiting until the server accepts connections. */
    ServerUser.Result start(String serverOptions) throws IOException {
        return pgCtl(
                Duration.ofSeconds(150),
                "start",
                "-l",
                logFile.toString(),
                "-w",
                "-t",
                "120",
                "-s",
                "-o",
                serverOptions);
    }

    /** {@code pg_ctl stop -m fast}: sessions are disconnected, committed work is kept. */
    void stop(ProcessHandle postmaster) {
        try {
            ServerUser.Result result = pgCtl(Duration.ofSeconds(90), "stop", "-m", "fast", "-w");
            if (result.exitCode() == 0) {
                return;
            }
            log.warn(
                    "pg_ctl stop failed ({}); terminating pid {}",
                    result.output().strip(),
                    postmaster.pid());
        } catch (IOException e) {
            log.warn("Could not run pg_ctl stop; terminating pid {}", postmaster.pid(), e);
        }
        // Last resort: SIGTERM, then SIGKILL. A killed server recovers from its WAL on the next start.
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            postmaster.destroyForcibly();
        }
    }

    /** The pid in {@code postmaster.pid}, or -1 when there is none. */
    long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    long logSize() throws IOException {
        return Files.size(logFile);
    }

    /** What the server logged since {@code offset}, at most the last 4 KiB: enough to see why it failed. */
    String logSince(long offset) {
        try (InputStream in = Files.newInputStream(logFile)) {
            long size = Files.size(logFile);
            in.skipNBytes(Math.min(Math.max(offset, size - 4096), size));
            String tail = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return tail.isEmpty() ? "(empty)" : tail;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean initialized() {
        return Files.exists(directory.resolve("PG_VERSION"));
    }

    private void init(String password, boolean noSync) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(directory + " is not empty but holds no PostgreSQL cluster;"
                            + " move it away so that a new cluster can be created");
                }
            }
            Files.delete(directory);
        }
        Path staging = dataDir.resolve("postgres.initdb");
        if (Files.exists(staging)) {
            log.info("Removing {} left by an interrupted initdb", staging);
            PostgresBinaries.deleteTree(staging);
        }
        Files.createDirectory(
                staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        user.own(staging);
        // As root, initdb runs as another account that must read the password: it gets a short-lived copy
        // rather than access to the password file itself.
        Path pwfile = dataDir.resolve(".initdb-pwfile-" + Long.toHexString(RANDOM.nextLong()));
        Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            user.own(pwfile);
            List<String> command = new ArrayList<>(List.of(
                    binDir.resolve("initdb").toString(),
                    "-D",
                    staging.toString(),
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "-U",
                    SUPERUSER,
                    "--auth=scram-sha-256",
                    "--pwfile=" + pwfile,
                    "--no-instructions"));
            if (noSync) {
                command.add("--no-sync");
            }
            log.info("Creating a new PostgreSQL cluster in {}", directory);
            ServerUser.Result result = user.run(dataDir, Duration.ofMinutes(5), command.toArray(String[]::new));
            if (result.exitCode() != 0) {
                throw new IllegalStateException("initdb failed (exit " + result.exitCode() + "):\n"
                        + result.output().strip());
            }
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
    }

    private ServerUser.Result pgCtl(Duration timeout, String action, String... options) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(binDir.resolve("pg_ctl").toString(), action, "-D", directory.toString()));
        command.addAll(List.of(options));
        return user.run(dataDir, timeout, command.toArray(String[]::new));
    }
}

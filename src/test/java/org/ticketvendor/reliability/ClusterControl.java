package org.ticketvendor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The app's embedded PostgreSQL seen from outside, as an operator would handle it: the pid and port from
 * {@code DATA_DIR/postgres/postmaster.pid}, the superuser password from {@code DATA_DIR/postgres-password},
 * and {@code pg_ctl} from the binaries the app unpacked, run as the account that owns the cluster (the app
 * runs the server as {@code nobody} when it runs as root).
 */
final class ClusterControl {

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path dataDir;

    ClusterControl(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Lets the server's account traverse {@code dir} (a JUnit temporary directory is closed to others), so
     * that pg_ctl, run as that account, reaches the cluster the app created below it.
     */
    static void openToServerAccount(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path cluster() {
        return dataDir.resolve("postgres");
    }

    /** The running postmaster's pid, if {@code postmaster.pid} names a live process. */
    Optional<ProcessHandle> postmaster() {
        List<String> lines = pidFile();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
    }

    int port() {
        List<String> lines = pidFile();
        if (lines.size() < 4) {
            throw new IllegalStateException("No running server in " + cluster());
        }
        return Integer.parseInt(lines.get(3).strip());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port() + "/ticketvendor", "postgres", password());
    }

    /** {@code pg_ctl stop -m fast}: sessions are cut, committed work is kept; the app is not told. */
    void stopServer() {
        pgCtl("stop", "-D", cluster().toString(), "-m", "fast", "-w", "-t", "60");
    }

    /**
     * {@code pg_ctl start} with the options the app started it with (from {@code postmaster.opts}), so the
     * server comes back on the same port and the app's pool can reconnect.
     */
    void startServer() {
        pgCtl(
                "start",
                "-D",
                cluster().toString(),
                "-l",
                dataDir.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                serverOptions());
    }

    /** The options after the data directory in {@code postmaster.opts}, quoted for pg_ctl's shell. */
    String serverOptions() {
        String opts = read(cluster().resolve("postmaster.opts")).strip();
        List<String> args = new ArrayList<>();
        Matcher m = QUOTED.matcher(opts);
        while (m.find()) {
            args.add(m.group(1));
        }
        int data = args.indexOf("-D");
        if (data >= 0) {
            args.remove(data + 1);
            args.remove(data);
        }
        StringBuilder options = new StringBuilder();
        for (String arg : args) {
            options.append(options.isEmpty() ? "" : " ")
                    .append('\'')
                    .append(arg.replace("'", "'\\''"))
                    .append('\'');
        }
        return options.toString();
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(asServerUser());
        command.add(pgCtlBinary().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .directory(dataDir.toFile())
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code setpriv} to the cluster's owner when that is not us (the app as root runs it as nobody). */
    private List<String> asServerUser() {
        try {
            PosixFileAttributes attributes = Files.readAttributes(cluster(), PosixFileAttributes.class);
            String owner = attributes.owner().getName();
            if (owner.equals(System.getProperty("user.name"))) {
                return List.of();
            }
            return List.of(
                    "setpriv",
                    "--reuid=" + owner,
                    "--regid=" + attributes.group().getName(),
                    "--clear-groups");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pgCtlBinary() {
        try (Stream<Path> found = Files.walk(dataDir.resolve("postgres-bin"))) {
            return found.filter(p -> p.getFileName().toString().equals("pg_ctl") && Files.isExecutable(p))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No pg_ctl under " + dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String password() {
        return read(dataDir.resolve("postgres-password")).strip();
    }

    private List<String> pidFile() {
        Path file = cluster().resolve("postmaster.pid");
        if (!Files.exists(file)) {
            return List.of();
        }
        return read(file).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

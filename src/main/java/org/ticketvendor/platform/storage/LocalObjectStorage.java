package org.ticketvendor.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as files under one directory, a key's segments as sub-directories. Writes go to a temporary
 * file first and are moved into place, so a reader sees the old object or the new one, never half of
 * one. Content types are not kept: callers keep them in the database with the key. For a single
 * instance, or several sharing the directory over a network file system.
 */
final class LocalObjectStorage extends ObjectStorage {

    private static final Logger log = LoggerFactory.getLogger(LocalObjectStorage.class);

    private final Path root;

    LocalObjectStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return "directory " + root;
    }

    @Override
    protected void write(String key, byte[] content, String contentType) {
        Path target = resolve(key);
        try {
            try {
                writeFile(target, content);
            } catch (NoSuchFileException e) {
                // A concurrent delete removed the emptied directory between creating and using it.
                writeFile(target, content);
            }
        } catch (IOException e) {
            throw failed("write", key, e);
        }
    }

    private static void writeFile(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    protected Optional<byte[]> read(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failed("read", key, e);
        }
    }

    @Override
    protected List<StoredObject> listing(String prefix) {
        Path dir = resolve(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                // Temporary files of writes in progress are no objects.
                if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
                    String key = root.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
                    objects.add(new StoredObject(
                            key, Files.getLastModifiedTime(file).toInstant()));
                }
            }
        } catch (NoSuchFileException | UncheckedIOException e) {
            // A file or directory deleted while walking: list what is left the next time.
            return objects;
        } catch (IOException e) {
            throw failed("list", prefix, e);
        }
        return objects;
    }

    @Override
    protected void remove(String key) {
        Path target = resolve(key);
        try {
            Files.deleteIfExists(target);
            // Leave no empty directories behind, up to (not including) the root.
            for (Path dir = target.getParent(); !dir.equals(root); dir = dir.getParent()) {
                if (!deleteIfEmpty(dir)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw failed("delete", key, e);
        }
    }

    /** The file of a key: always inside the root, as keys are checked to have no {@code ..} or empty segments. */
    Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Not a valid object key: " + key);
        }
        return path;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean deleteIfEmpty(Path dir) {
        try {
            return Files.deleteIfExists(dir);
        } catch (IOException e) {
            return false; // not empty (another object), or in use: it stays
        }
    }

    private ObjectStorageException failed(String what, String key, IOException e) {
        log.warn("Could not {} object {} under {}", what, key, root, e);
        return new ObjectStorageException(e);
    }
}

package org.ticketvendor.platform.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where files the database only describes are kept: objects (bytes with a content type) under keys
 * such as {@code events/1f0c.../7d1e....png}. Two adapters: a directory on local disk (the default) and an
 * S3 bucket (or an S3-compatible store). Callers choose unique keys and keep them in the database; the
 * storage knows nothing of what the objects are.
 *
 * <p>Keys are plain relative paths: letters, digits, {@code . _ -} and {@code /} between non-empty
 * segments, no {@code .} or {@code ..} segment, at most 512 characters. Failures of the store (disk full,
 * bucket unreachable) are {@link ObjectStorageException}s, answered 503.
 */
public abstract class ObjectStorage {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_KEY = 512;

    /** Stores the object under the key, replacing what was there. */
    public final void put(String key, byte[] content, String contentType) {
        write(checked(key), content, contentType);
    }

    /** The object's bytes, or empty when there is no object under the key. */
    public final Optional<byte[]> get(String key) {
        return read(checked(key));
    }

    /** Removes the object; nothing happens when there is none. */
    public final void delete(String key) {
        remove(checked(key));
    }

    /**
     * The objects whose keys start with {@code prefix} (a key prefix ending in {@code /}, e.g. {@code
     * events/}), with when each was last written; for sweeping objects the database no longer names.
     */
    public final List<StoredObject> list(String prefix) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("A listing prefix ends with /: " + prefix);
        }
        checked(prefix.substring(0, prefix.length() - 1));
        return listing(prefix);
    }

    /** An object of a {@link #list listing}. */
    public record StoredObject(String key, Instant lastModified) {}

    /** Where the objects are, for the log (never credentials). */
    public abstract String location();

    protected abstract List<StoredObject> listing(String prefix);

    protected abstract void write(String key, byte[] content, String contentType);

    protected abstract Optional<byte[]> read(String key);

    protected abstract void remove(String key);

    /** The key if it is one every adapter stores as such (no path tricks), else an exception. */
    static String checked(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("An object key has 1 to " + MAX_KEY + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("Not a valid object key: " + key);
            }
        }
        return key;
    }

    @Override
    public String toString() {
        return location();
    }
}

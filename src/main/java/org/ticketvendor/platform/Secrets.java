package org.ticketvendor.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets that come from configuration or else are generated once and kept in the data directory
 * (mode 600), so a single instance needs no setup and keeps working across restarts. Never a
 * built-in value.
 */
public final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private Secrets() {}

    /**
     * The configured secret if there is one, else the one kept in {@code file}, created on first use.
     *
     * @param property the setting's name, for the error message
     */
    public static byte[] configuredOrGenerated(String configured, String property, Path file, int minBytes)
            throws IOException {
        if (configured != null && !configured.isBlank()) {
            byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
            if (secret.length < minBytes) {
                throw new IllegalStateException(property + " must be at least " + minBytes + " bytes");
            }
            return secret;
        }
        return generated(file, Math.max(32, minBytes), minBytes);
    }

    /**
     * Reads the secret kept in {@code file}, creating it with {@code size} random bytes on first use.
     * An unreadable or short file stops the start rather than being replaced: a new secret would void
     * everything signed with the old one.
     */
    public static byte[] generated(Path file, int size, int minBytes) throws IOException {
        if (Files.exists(file)) {
            return read(file, minBytes);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] secret = new byte[size];
        new SecureRandom().nextBytes(secret);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } else {
            log.debug("File system without POSIX permissions; {} keeps default permissions", file);
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(secret));
        try {
            // Without REPLACE_EXISTING the move refuses an existing file: a concurrent winner is kept.
            Files.move(temp, file);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (Files.exists(file)) {
                return read(file, minBytes);
            }
            throw e;
        }
        log.warn("Generated a secret in {}; back it up, or configure one to share across instances", file);
        return secret;
    }

    private static byte[] read(Path file, int minBytes) throws IOException {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64; restore it from a backup", e);
        }
        if (secret.length < minBytes) {
            throw new IllegalStateException(
                    file + " holds fewer than " + minBytes + " bytes; restore it from a backup");
        }
        return secret;
    }
}

package org.ticketvendor.tickets.qr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.tickets.TicketsSettings;

/**
 * Where the master secret for ticket signing comes from: the configuration, or else a random one
 * generated once in the data directory, like the JWT secret. Unlike a JWT secret, losing it voids
 * every ticket already sold, so an unreadable file stops the start instead of being replaced.
 */
final class SigningSecret {

    private static final Logger log = LoggerFactory.getLogger(SigningSecret.class);
    static final String FILE_NAME = "ticket-signing-secret";
    static final int MIN_BYTES = EventKeys.MIN_SECRET_BYTES;
    private static final int GENERATED_BYTES = 32;

    private SigningSecret() {}

    static byte[] resolve(TicketsSettings settings, PlatformSettings platform) throws IOException {
        String configured = settings.signingSecret();
        if (configured != null && !configured.isBlank()) {
            byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_BYTES) {
                throw new IllegalStateException("ticketvendor.tickets.signing-secret (TICKET_SIGNING_SECRET) must be"
                        + " at least " + MIN_BYTES + " bytes");
            }
            return secret;
        }
        return generated(platform.dataDir().resolve(FILE_NAME));
    }

    /** Reads the secret kept in {@code file}, creating it (mode 600) on first use. */
    static byte[] generated(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        Path temp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File system without POSIX permissions; the ticket signing secret keeps default permissions");
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(secret));
        try {
            // Without REPLACE_EXISTING the move refuses an existing file: a concurrent winner is kept.
            Files.move(temp, file);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (Files.exists(file)) { // another instance on the same data directory won the race
                return read(file);
            }
            throw e;
        }
        log.warn(
                "Generated a ticket signing secret in {}; back it up or set TICKET_SIGNING_SECRET, since issued"
                        + " QR codes stop verifying without it",
                file);
        return secret;
    }

    private static byte[] read(Path file) throws IOException {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64; restore it from a backup", e);
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException(
                    file + " holds fewer than " + MIN_BYTES + " bytes; restore it from a backup");
        }
        return secret;
    }
}

package org.ticketvendor.tickets.qr;

import java.io.IOException;
import java.nio.file.Path;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.platform.Secrets;
import org.ticketvendor.tickets.TicketsSettings;

/**
 * Where the master secret for ticket signing comes from: the configuration, or else a random one
 * generated once in the data directory. Losing it voids every ticket already sold, so an unreadable
 * file stops the start instead of being replaced.
 */
final class SigningSecret {

    static final String FILE_NAME = "ticket-signing-secret";
    static final int MIN_BYTES = EventKeys.MIN_SECRET_BYTES;

    private SigningSecret() {}

    static byte[] resolve(TicketsSettings settings, PlatformSettings platform) throws IOException {
        return Secrets.configuredOrGenerated(
                settings.signingSecret(),
                "ticketvendor.tickets.signing-secret (TICKET_SIGNING_SECRET)",
                platform.dataDir().resolve(FILE_NAME),
                MIN_BYTES);
    }

    /** Reads the secret kept in {@code file}, creating it (mode 600) on first use. */
    static byte[] generated(Path file) throws IOException {
        return Secrets.generated(file, 32, MIN_BYTES);
    }
}

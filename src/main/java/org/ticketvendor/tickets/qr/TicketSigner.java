package org.ticketvendor.tickets.qr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.tickets.TicketsSettings;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException.Reason;
import org.ticketvendor.tickets.domain.TicketCode;

/**
 * Issues and verifies the signed codes printed as QR codes on tickets, and hands out each event's
 * public key so door scanners can verify codes offline. Keys are derived per event from one master
 * secret ({@code ticketvendor.tickets.signing-secret}, else generated in the data directory); see
 * {@link EventKeys}.
 */
@Component
public class TicketSigner {

    private final EventKeys keys;

    public TicketSigner(TicketsSettings settings, PlatformSettings platform) {
        try {
            this.keys = new EventKeys(SigningSecret.resolve(settings, platform));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ticket signing secret", e);
        }
    }

    /**
     * The code for one issue of a ticket. The same arguments always give the same text, because
     * Ed25519 signatures are deterministic.
     *
     * @param serial which issue of the ticket this is, zero or more; a reissue takes a new one
     */
    public String issue(UUID ticketId, UUID eventId, long serial) {
        TicketCode code = new TicketCode(ticketId, eventId, serial);
        return code.withSignature(keys.sign(eventId, code.signedBytes()));
    }

    /**
     * Checks a code's form and its signature with the key of the event it names.
     *
     * @throws InvalidTicketCodeException for malformed input or a bad signature, and nothing else
     */
    public VerifiedTicketCode verify(String text) {
        TicketCode.Parsed parsed = TicketCode.parse(text);
        TicketCode code = parsed.code();
        if (!keys.verify(code.eventId(), parsed.signedBytes(), parsed.signature())) {
            throw new InvalidTicketCodeException(Reason.BAD_SIGNATURE, "not signed with this event's key");
        }
        return new VerifiedTicketCode(code.ticketId(), code.eventId(), code.serial());
    }

    /** The event's raw 32-byte Ed25519 public key (RFC 8032 encoding). */
    public byte[] publicKey(UUID eventId) {
        return keys.rawPublicKey(eventId);
    }

    /** {@link #publicKey(UUID)} as unpadded base64url, for a scanner's configuration. */
    public String publicKeyBase64Url(UUID eventId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey(eventId));
    }

    /**
     * The event's public key as a PEM {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo), which
     * {@code KeyFactory.getInstance("Ed25519")}, OpenSSL and most crypto libraries read directly.
     */
    public String publicKeyPem(UUID eventId) {
        String body = Base64.getEncoder().encodeToString(keys.publicKey(eventId).getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}

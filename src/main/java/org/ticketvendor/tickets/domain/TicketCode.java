package org.ticketvendor.tickets.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException.Reason;

/**
 * What a ticket's QR code says: which ticket, for which event, and which issue of it. No personal
 * data, so a lost or photographed code reveals nothing about the buyer.
 *
 * <p>Text form: {@code TV1.<payload>.<signature>}, both parts unpadded base64url. The payload is 40
 * bytes: ticket id (16), event id (16) and serial (8, big-endian). The signature is Ed25519 (64
 * bytes) over the ASCII bytes of {@code TV1.<payload>}, so the version prefix is signed too and a
 * scanner needs nothing but the event's public key. The serial changes when a ticket is reissued,
 * which makes the old code stale even though its signature stays valid.
 *
 * @param ticketId the ticket
 * @param eventId the event, which also selects the verification key
 * @param serial the issue of this ticket, zero or more
 */
public record TicketCode(UUID ticketId, UUID eventId, long serial) {

    public static final int VERSION = 1;
    public static final String PREFIX = "TV" + VERSION + ".";
    public static final int PAYLOAD_BYTES = 40;
    public static final int SIGNATURE_BYTES = 64;
    /** Length of every code we issue; small enough for a QR code of version 8 at level M. */
    public static final int ENCODED_LENGTH = 145;
    /** Input beyond this is refused unread, so a hostile scan costs nothing. */
    public static final int MAX_INPUT_LENGTH = 256;

    private static final int PAYLOAD_CHARS = 54;
    private static final int SIGNATURE_CHARS = 86;
    private static final int MAX_VERSION_DIGITS = 3;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public TicketCode {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(eventId, "eventId");
        if (serial < 0) {
            throw new IllegalArgumentException("serial must not be negative");
        }
    }

    /** The part the signature covers: {@code TV1.<payload>}. */
    public String signedText() {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(ticketId.getMostSignificantBits())
                .putLong(ticketId.getLeastSignificantBits())
                .putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits())
                .putLong(serial);
        return PREFIX + ENCODER.encodeToString(payload.array());
    }

    /** The bytes a signer signs and a scanner verifies. */
    public byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.US_ASCII);
    }

    /** The full text for the QR code, given the signature over {@link #signedBytes()}. */
    public String withSignature(byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature is " + SIGNATURE_BYTES + " bytes");
        }
        return signedText() + "." + ENCODER.encodeToString(signature);
    }

    /**
     * Reads a code strictly, without checking its signature: exact prefix, exact lengths, only the
     * base64url alphabet in its canonical form, nothing before or after. Strictness means one
     * ticket issue has exactly one valid text, so a scan can be recognised when it is retried.
     *
     * @throws InvalidTicketCodeException for any input that is not a well-formed version 1 code
     */
    public static Parsed parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(Reason.MISSING, "no code");
        }
        if (text.length() > MAX_INPUT_LENGTH) {
            throw invalid(Reason.TOO_LONG, "longer than " + MAX_INPUT_LENGTH + " characters");
        }
        checkVersion(text);
        int dot = text.indexOf('.', PREFIX.length());
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            throw invalid(Reason.MALFORMED, "expected exactly two parts after the prefix");
        }
        byte[] payload = decode(text.substring(PREFIX.length(), dot), PAYLOAD_CHARS, "payload");
        byte[] signature = decode(text.substring(dot + 1), SIGNATURE_CHARS, "signature");
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        UUID ticketId = new UUID(buffer.getLong(), buffer.getLong());
        UUID eventId = new UUID(buffer.getLong(), buffer.getLong());
        long serial = buffer.getLong();
        if (serial < 0) {
            throw invalid(Reason.MALFORMED, "negative serial");
        }
        TicketCode code = new TicketCode(ticketId, eventId, serial);
        return new Parsed(code, text.substring(0, dot).getBytes(StandardCharsets.US_ASCII), signature);
    }

    /** Tells "some other QR code" apart from "a ticket code of another version" for the scanner. */
    private static void checkVersion(String text) {
        if (text.startsWith(PREFIX)) {
            return;
        }
        int i = 2;
        while (i < text.length() && i < 2 + MAX_VERSION_DIGITS && isDigit(text.charAt(i))) {
            i++;
        }
        if (text.startsWith("TV") && i > 2 && i < text.length() && text.charAt(i) == '.') {
            throw invalid(Reason.UNSUPPORTED_VERSION, "version " + text.substring(2, i) + " is not supported");
        }
        throw invalid(Reason.UNKNOWN_FORMAT, "not a ticket code");
    }

    private static byte[] decode(String part, int expectedChars, String name) {
        if (part.length() != expectedChars) {
            throw invalid(Reason.MALFORMED, name + " is " + part.length() + " characters, expected " + expectedChars);
        }
        for (int i = 0; i < part.length(); i++) {
            if (!isBase64Url(part.charAt(i))) {
                throw invalid(Reason.MALFORMED, name + " is not base64url");
            }
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(part);
        } catch (IllegalArgumentException e) { // unreachable after the checks above; kept as a guard
            throw invalid(Reason.MALFORMED, name + " is not base64url");
        }
        // The last character may carry unused low bits; only the zero form is the one we issue.
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw invalid(Reason.MALFORMED, name + " is not canonical base64url");
        }
        return bytes;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '_';
    }

    private static InvalidTicketCodeException invalid(Reason reason, String detail) {
        return new InvalidTicketCodeException(reason, detail);
    }

    /**
     * A well-formed code whose signature is not yet checked.
     *
     * @param code what the code says
     * @param signedBytes the bytes the signature must cover
     * @param signature the 64-byte Ed25519 signature as read
     */
    public record Parsed(TicketCode code, byte[] signedBytes, byte[] signature) {

        public Parsed {
            signedBytes = signedBytes.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] signedBytes() {
            return signedBytes.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }
}

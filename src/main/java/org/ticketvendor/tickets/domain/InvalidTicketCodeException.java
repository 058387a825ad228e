package org.ticketvendor.tickets.domain;

import java.util.Locale;

/**
 * A scanned or submitted ticket code that cannot be trusted. The {@link Reason} is meant for the
 * scanner's user and the API; the message adds detail for logs and never echoes the input, which
 * may be large or hostile.
 */
public class InvalidTicketCodeException extends RuntimeException {

    /** Why a code was refused; {@link #code()} is the stable snake_case name for API responses. */
    public enum Reason {
        /** Null or empty input. */
        MISSING,
        /** Longer than any code we issue; refused before any further work. */
        TOO_LONG,
        /** Not a ticket code at all, e.g. some other QR code was scanned. */
        UNKNOWN_FORMAT,
        /** A ticket code of a format version this server does not issue. */
        UNSUPPORTED_VERSION,
        /** Our prefix, but broken structure, encoding or lengths. */
        MALFORMED,
        /** Well formed, but not signed by this event's key: forged, altered or for another key. */
        BAD_SIGNATURE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvalidTicketCodeException(Reason reason, String detail) {
        super(reason.code() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

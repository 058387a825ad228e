package org.ticketvendor.waitlist;

import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The waitlist's problems. */
public final class WaitlistExceptions {

    private WaitlistExceptions() {}

    /** No such entry, or someone else's. */
    public static final class EntryNotFoundException extends ApiException {
        public EntryNotFoundException() {
            super(HttpStatus.NOT_FOUND, "waitlist_entry_not_found", "Not found", "No such waitlist entry.");
        }
    }

    /** The request cannot be met in the entry's or tier's current state. */
    public static final class WaitlistStateException extends ApiException {
        public WaitlistStateException(String code, String detail) {
            super(HttpStatus.CONFLICT, code, "Waitlist", detail);
        }
    }

    /** Bad input: which tier, how many. */
    public static final class InvalidWaitlistRequestException extends ApiException {
        public InvalidWaitlistRequestException(String code, String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, code, "Invalid waitlist request", detail);
        }
    }
}

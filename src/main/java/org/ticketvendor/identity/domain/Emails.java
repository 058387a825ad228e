package org.ticketvendor.identity.domain;

import java.util.Locale;

/** Emails are compared case-insensitively; we store and look them up trimmed and lower-cased. */
public final class Emails {

    private Emails() {}

    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}

package org.ticketvendor.identity;

import java.util.Locale;

/** What a user may do. Stored and sent lower-case: {@code buyer}, {@code promoter}, ... */
public enum Role {
    BUYER,
    PROMOTER,
    STAFF,
    ADMIN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value();
    }
}

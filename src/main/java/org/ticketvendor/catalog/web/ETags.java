package org.ticketvendor.catalog.web;

import org.ticketvendor.catalog.CatalogExceptions.StaleVersionException;
import org.ticketvendor.catalog.CatalogExceptions.VersionRequiredException;

/** Versions as strong ETags ({@code "7"}), and If-Match headers back to versions. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match names; a missing header is refused (428) so no update is blind. */
    static long required(String ifMatch) {
        Long version = optional(ifMatch);
        if (version == null) {
            throw new VersionRequiredException();
        }
        return version;
    }

    /** The version an If-Match names, or null without one. A header naming no version of ours can never match. */
    static Long optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StaleVersionException(null);
        }
    }

    /**
     * Whether an If-None-Match header names this entity tag (or is {@code *}). Weak comparison, as RFC
     * 9110 prescribes for If-None-Match: {@code W/"x"} matches {@code "x"}.
     */
    static boolean anyMatches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}

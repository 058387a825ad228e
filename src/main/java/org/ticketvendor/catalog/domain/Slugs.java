package org.ticketvendor.catalog.domain;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/** URL slugs from titles: lower-case ASCII words joined by hyphens, e.g. "Björk — Live!" → "bjork-live". */
public final class Slugs {

    public static final int MAX_BASE_LENGTH = 80;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Slugs() {}

    public static String fromTitle(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_BASE_LENGTH) {
            slug = slug.substring(0, MAX_BASE_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "event" : slug;
    }

    /** The base with a random suffix, for when the base is taken. */
    public static String withSuffix(String base) {
        StringBuilder slug = new StringBuilder(base).append('-');
        for (int i = 0; i < 6; i++) {
            slug.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return slug.toString();
    }
}

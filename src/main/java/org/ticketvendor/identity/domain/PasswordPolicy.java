package org.ticketvendor.identity.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a password acceptable: long enough to resist guessing, short enough for bcrypt (which
 * ignores bytes past 72), not one of the passwords every attacker tries first, and not the email.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of(
            "password",
            "password1",
            "password12",
            "password123",
            "password1234",
            "passw0rd",
            "p@ssw0rd",
            "1234567890",
            "12345678910",
            "0123456789",
            "qwertyuiop",
            "qwerty1234",
            "qwerty12345",
            "1q2w3e4r5t",
            "1qaz2wsx3edc",
            "iloveyou12",
            "letmein123",
            "welcome123",
            "admin12345",
            "administrator",
            "abc1234567",
            "abcdefghij",
            "aaaaaaaaaa",
            "changeme123",
            "football123",
            "monkey12345",
            "dragon12345",
            "sunshine123",
            "princess123",
            "trustno1234",
            "ticketvendor");

    private PasswordPolicy() {}

    /** Problems with the password, empty when it is acceptable. */
    public static List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add("must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            problems.add("is too common or too easy to guess");
        }
        if (email != null && !email.isBlank()) {
            String local = email.toLowerCase(Locale.ROOT).split("@", 2)[0];
            if (lower.equals(email.toLowerCase(Locale.ROOT)) || (local.length() >= 4 && lower.contains(local))) {
                problems.add("must not contain your email address");
            }
        }
        return problems;
    }
}

package org.ticketvendor.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void acceptsALongUncommonPassword() {
        assertThat(PasswordPolicy.problems("correct horse battery 7", "ann@example.test"))
                .isEmpty();
    }

    @Test
    void rejectsShortCommonRepetitiveAndOverlongPasswords() {
        assertThat(PasswordPolicy.problems("short", null)).anyMatch(p -> p.contains("at least"));
        assertThat(PasswordPolicy.problems("Password123", null)).anyMatch(p -> p.contains("common"));
        assertThat(PasswordPolicy.problems("abababababab", null)).anyMatch(p -> p.contains("common"));
        assertThat(PasswordPolicy.problems("é".repeat(40), null)).anyMatch(p -> p.contains("bytes"));
        assertThat(PasswordPolicy.problems("", null)).containsExactly("must not be empty");
    }

    @Test
    void rejectsPasswordsContainingTheEmail() {
        assertThat(PasswordPolicy.problems("my-annabel-secret-1", "annabel@example.test"))
                .anyMatch(p -> p.contains("email"));
    }
}

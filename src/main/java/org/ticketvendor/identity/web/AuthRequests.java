package org.ticketvendor.identity.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the {@code /auth} endpoints. Bounds keep huge strings out before any work is done. */
final class AuthRequests {

    /** The shape the database also enforces: something@domain.tld, no spaces. */
    static final String EMAIL_SHAPE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private AuthRequests() {}

    record RegisterRequest(
            @NotBlank @Email(regexp = EMAIL_SHAPE, message = "must be a well-formed email address") @Size(max = 254)
            String email,

            @NotNull @Size(min = 1, max = 200) String password,
            @NotBlank @Size(max = 200) String fullName,

            @Size(max = 40) @Pattern(regexp = "^\\+?[0-9 ()-]{4,40}$", message = "must be a phone number")
            String phone) {

        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + ", password=<redacted>]";
        }
    }

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(min = 1, max = 200) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=<redacted>]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[refresh_token=<redacted>]";
        }
    }
}

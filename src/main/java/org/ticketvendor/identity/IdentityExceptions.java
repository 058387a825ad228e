package org.ticketvendor.identity;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The errors the identity module reports to clients. */
public final class IdentityExceptions {

    private IdentityExceptions() {}

    /** An account with this email exists already. */
    public static final class EmailAlreadyRegisteredException extends ApiException {
        public EmailAlreadyRegisteredException() {
            super(HttpStatus.CONFLICT, "email_taken", "Email already registered", "An account with this email exists.");
        }
    }

    /** The password breaks the password policy. */
    public static final class WeakPasswordException extends ApiException {
        public WeakPasswordException(List<String> problems) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", "The password is too weak.");
            with(
                    "errors",
                    problems.stream()
                            .map(p -> Map.of("field", "password", "message", p))
                            .toList());
        }
    }

    /** Email and password do not match an account; deliberately the same for unknown emails. */
    public static final class BadCredentialsException extends ApiException {
        public BadCredentialsException() {
            super(HttpStatus.UNAUTHORIZED, "bad_credentials", "Invalid credentials", "Email or password is wrong.");
        }
    }

    /** Too many failed logins for this email; try again later. */
    public static final class LoginLockedException extends ApiException {
        public LoginLockedException(long retryAfterSeconds) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "login_locked",
                    "Too many failed logins",
                    "Too many failed logins for this email. Try again later.");
            with("retry_after_seconds", retryAfterSeconds);
        }
    }

    /** The account is suspended. */
    public static final class AccountSuspendedException extends ApiException {
        public AccountSuspendedException() {
            super(HttpStatus.FORBIDDEN, "account_suspended", "Account suspended", "This account is suspended.");
        }
    }

    /** The refresh token is unknown, expired, revoked or was already used. */
    public static final class InvalidRefreshTokenException extends ApiException {
        public InvalidRefreshTokenException(String detail) {
            super(HttpStatus.UNAUTHORIZED, "invalid_refresh_token", "Invalid refresh token", detail);
        }
    }

    /** No such user (or not visible to the caller). */
    public static final class UserNotFoundException extends ApiException {
        public UserNotFoundException() {
            super(HttpStatus.NOT_FOUND, "user_not_found", "User not found", "No such user.");
        }
    }

    /** The caller has no promoter profile. */
    public static final class PromoterProfileNotFoundException extends ApiException {
        public PromoterProfileNotFoundException() {
            super(
                    HttpStatus.NOT_FOUND,
                    "promoter_not_found",
                    "Promoter profile not found",
                    "You have no promoter profile.");
        }
    }

    /** A request that is valid in form but not allowed in the account's current state. */
    public static final class AccountStateException extends ApiException {
        public AccountStateException(String code, String detail) {
            super(HttpStatus.CONFLICT, code, "Not allowed in the current state", detail);
        }
    }
}

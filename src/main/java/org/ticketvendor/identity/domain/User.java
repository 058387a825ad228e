package org.ticketvendor.identity.domain;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.identity.Role;

/**
 * A user account as stored.
 *
 * @param securityVersion copied into access tokens; a token with another value is refused
 */
public record User(
        UUID id,
        String email,
        String passwordHash,
        String fullName,
        String phone,
        Role role,
        String status,
        int securityVersion,
        Instant lastLoginAt,
        Instant suspendedAt,
        String suspensionReason,
        Instant createdAt) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}

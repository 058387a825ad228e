package org.ticketvendor.identity.domain;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.identity.Role;

/** A user account as stored. */
public record User(
        UUID id,
        String email,
        String passwordHash,
        String fullName,
        String phone,
        Role role,
        String status,
        Instant lastLoginAt,
        Instant createdAt) {

    public boolean isActive() {
        return "active".equals(status);
    }
}

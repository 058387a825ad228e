package org.ticketvendor.identity;

import java.time.Instant;

/** A user account as other modules and clients see it: never the password hash. */
public record Account(
        UserId id, String email, String fullName, String phone, Role role, String status, Instant createdAt) {

    public Account withRole(Role newRole) {
        return new Account(id, email, fullName, phone, newRole, status, createdAt);
    }
}

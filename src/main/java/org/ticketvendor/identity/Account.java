package org.ticketvendor.identity;

import java.time.Instant;

/**
 * A user account as other modules and clients see it: never the password hash.
 *
 * @param status {@code active} or {@code suspended}
 * @param suspendedAt when an admin suspended the account, null when active
 * @param suspensionReason the admin's reason, null when active
 */
public record Account(
        UserId id,
        String email,
        String fullName,
        String phone,
        Role role,
        String status,
        Instant createdAt,
        Instant lastLoginAt,
        Instant suspendedAt,
        String suspensionReason) {}

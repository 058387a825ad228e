package org.ticketvendor.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts.AccountPage;
import org.ticketvendor.identity.PromoterProfile;

/** What the admin's user endpoints return: never a password hash. */
final class AdminUserResponses {

    private AdminUserResponses() {}

    /** An account as admins see it; {@code promoter} only on the single-user endpoints. */
    record AdminUserResponse(
            UUID id,
            String email,
            String fullName,
            String phone,
            String role,
            String status,
            Instant createdAt,
            Instant lastLoginAt,
            Instant suspendedAt,
            String suspensionReason,
            PromoterResponse promoter) {

        static AdminUserResponse of(Account a, PromoterProfile promoter) {
            return new AdminUserResponse(
                    a.id().value(),
                    a.email(),
                    a.fullName(),
                    a.phone(),
                    a.role().value(),
                    a.status(),
                    a.createdAt(),
                    a.lastLoginAt(),
                    a.suspendedAt(),
                    a.suspensionReason(),
                    promoter == null ? null : PromoterResponse.of(promoter));
        }
    }

    /** A page of accounts. Pages are numbered from 0; {@code size} is at most 100. */
    record Page(List<AdminUserResponse> items, int page, int size, long totalItems, long totalPages) {

        static Page of(AccountPage found, int page, int size) {
            return new Page(
                    found.accounts().stream()
                            .map(a -> AdminUserResponse.of(a, null))
                            .toList(),
                    page,
                    size,
                    found.total(),
                    (found.total() + size - 1) / size);
        }
    }
}

package org.ticketvendor.identity.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts.AccountPage;
import org.ticketvendor.identity.PromoterProfile;

/** What the admin's user endpoints return: never a password hash. */
final class AdminUserResponses {

    private AdminUserResponses() {}

    /**
     * An account as admins see it: what its user sees ({@link UserResponse}, {@code promoter} only on
     * the single-user endpoints), and how the account stands.
     */
    record AdminUserResponse(
            @JsonUnwrapped UserResponse user, Instant lastLoginAt, Instant suspendedAt, String suspensionReason) {

        static AdminUserResponse of(Account a, PromoterProfile promoter) {
            return new AdminUserResponse(
                    UserResponse.of(a, promoter), a.lastLoginAt(), a.suspendedAt(), a.suspensionReason());
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

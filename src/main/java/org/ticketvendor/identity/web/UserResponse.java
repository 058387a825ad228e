package org.ticketvendor.identity.web;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.PromoterProfile;

/** A user as the API shows it to that user or an admin. */
record UserResponse(
        UUID id,
        String email,
        String fullName,
        String phone,
        String role,
        String status,
        Instant createdAt,
        PromoterResponse promoter) {

    static UserResponse of(Account account, PromoterProfile promoter) {
        return new UserResponse(
                account.id().value(),
                account.email(),
                account.fullName(),
                account.phone(),
                account.role().value(),
                account.status(),
                account.createdAt(),
                promoter == null ? null : PromoterResponse.of(promoter));
    }
}

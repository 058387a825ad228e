package org.ticketvendor.identity.web;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.identity.PromoterProfile;

/** A promoter profile as the API shows it to its owner or an admin. */
record PromoterResponse(
        UUID id,
        UUID userId,
        String companyName,
        String contactEmail,
        String contactPhone,
        String website,
        String stripeAccountId,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    static PromoterResponse of(PromoterProfile p) {
        return new PromoterResponse(
                p.id().value(),
                p.userId().value(),
                p.companyName(),
                p.contactEmail(),
                p.contactPhone(),
                p.website(),
                p.stripeAccountId(),
                p.status(),
                p.createdAt(),
                p.updatedAt());
    }
}

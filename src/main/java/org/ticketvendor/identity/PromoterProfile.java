package org.ticketvendor.identity;

import java.time.Instant;

/** A promoter's business profile. {@code stripeAccountId} is a placeholder for future payouts. */
public record PromoterProfile(
        PromoterId id,
        UserId userId,
        String companyName,
        String contactEmail,
        String contactPhone,
        String website,
        String stripeAccountId,
        String status,
        Instant createdAt,
        Instant updatedAt) {}

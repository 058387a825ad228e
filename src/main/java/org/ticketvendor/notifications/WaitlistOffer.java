package org.ticketvendor.notifications;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A waitlist offer to tell its user about (see {@link Notifications#waitlistOffer} and {@link
 * Notifications#waitlistOfferExpiring}).
 *
 * @param offerId the offer's id: one mail of each kind per offer
 * @param userId who the offer is for
 * @param tierId the offered tier (its event, name and price are looked up in the catalog)
 * @param quantity seats offered
 * @param expiresAt when the offer lapses
 * @param claimUrl where the user claims it (a page or deep link); null to show API instructions
 */
public record WaitlistOffer(UUID offerId, UUID userId, UUID tierId, int quantity, Instant expiresAt, String claimUrl) {

    public WaitlistOffer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tierId, "tierId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}

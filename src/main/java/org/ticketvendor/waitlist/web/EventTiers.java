package org.ticketvendor.waitlist.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.waitlist.WaitlistExceptions.InvalidWaitlistRequestException;

/** Joining by event: the event's one public tier, or a request to name the tier. */
@Component
class EventTiers {

    private final Tiers tiers;

    EventTiers(Tiers tiers) {
        this.tiers = tiers;
    }

    UUID onlyTier(UUID eventId) {
        List<Tiers.TierWithAvailability> all = tiers.ofEvent(eventId.toString(), Optional.empty());
        if (all.size() != 1) {
            throw new InvalidWaitlistRequestException(
                    "tier_required", "This event has " + all.size() + " tiers; say which with tier_id.");
        }
        return all.get(0).tier().id();
    }
}

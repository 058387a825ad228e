package org.ticketvendor.analytics.web;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.ticketvendor.analytics.AnalyticsExceptions.PromoterNotFoundException;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.CatalogExceptions.NotAPromoterException;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.PromoterProfile;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.platform.CurrentUser;

/** Who the caller is to the reports: the promoter profile they act for, or an admin who sees all. */
@Component
class Viewers {

    private final Accounts accounts;

    Viewers(Accounts accounts) {
        this.accounts = accounts;
    }

    /** For an event's reports: the catalog decides with it whether the caller may see the event. */
    Catalog.Editor of(CurrentUser caller) {
        Optional<UUID> profile = profile(caller);
        if (profile.isEmpty() && !caller.isAdmin()) {
            throw new NotAPromoterException();
        }
        return new Catalog.Editor(profile.orElse(null), caller.isAdmin());
    }

    /**
     * Whose events to report on: the caller's own; an admin may name any promoter. A promoter naming
     * another promoter gets 404, as for their events.
     */
    UUID promoter(CurrentUser caller, UUID requested) {
        Optional<UUID> own = profile(caller);
        if (requested == null) {
            if (own.isPresent()) {
                return own.get();
            }
            if (caller.isAdmin()) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "promoter_id_required",
                        "Promoter required",
                        "Admins without a promoter profile name the promoter: ?promoter_id=...");
            }
            throw new NotAPromoterException();
        }
        if (caller.isAdmin() || own.filter(requested::equals).isPresent()) {
            return requested;
        }
        if (own.isEmpty()) {
            throw new NotAPromoterException();
        }
        throw new PromoterNotFoundException();
    }

    private Optional<UUID> profile(CurrentUser caller) {
        return accounts.promoterProfile(new UserId(caller.id()))
                .map(PromoterProfile::id)
                .map(id -> id.value());
    }
}

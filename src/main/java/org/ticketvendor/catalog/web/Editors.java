package org.ticketvendor.catalog.web;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.Catalog.Editor;
import org.ticketvendor.catalog.CatalogExceptions.NotAPromoterException;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.PromoterProfile;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.CurrentUser;

/** Who the caller is to the catalog: the promoter profile they act for, and whether they are admin. */
@Component
class Editors {

    private final Accounts accounts;

    Editors(Accounts accounts) {
        this.accounts = accounts;
    }

    /** For writes: a promoter needs a profile; an admin may act without one. */
    Editor of(CurrentUser caller) {
        Optional<PromoterProfile> profile = accounts.promoterProfile(new UserId(caller.id()));
        if (profile.isEmpty() && !caller.isAdmin()) {
            throw new NotAPromoterException();
        }
        return new Editor(profile.map(p -> p.id().value()).orElse(null), caller.isAdmin());
    }

    /** For creating: the event must belong to a promoter profile, also when an admin creates it. */
    Editor owner(CurrentUser caller) {
        Editor editor = of(caller);
        if (editor.promoterId() == null) {
            throw new NotAPromoterException();
        }
        return editor;
    }

    /** For public reads: promoters and admins may also see what they can edit. */
    Optional<Editor> viewer() {
        return CurrentUser.fromSecurityContext()
                .filter(c -> c.isAdmin() || "promoter".equals(c.role()))
                .map(c -> new Editor(
                        accounts.promoterProfile(new UserId(c.id()))
                                .map(p -> p.id().value())
                                .orElse(null),
                        c.isAdmin()));
    }
}

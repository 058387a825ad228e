package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.Catalog.Editor;
import org.ticketvendor.catalog.persistence.EventStaffRepository;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.ApiException;

/**
 * Door staff per event. An event's promoter (or an admin) assigns accounts that have the staff role;
 * those may check tickets in at that event only. Every change is audited.
 */
@Service
public class EventStaff {

    private final Catalog catalog;
    private final EventStaffRepository staff;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;

    EventStaff(Catalog catalog, EventStaffRepository staff, Accounts accounts, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.staff = staff;
        this.accounts = accounts;
        this.events = events;
    }

    /** A staff member of an event. */
    public record Member(UUID userId, String email, String fullName, Instant assignedAt) {}

    /** The account named cannot be door staff. */
    public static final class NotStaffException extends ApiException {
        public NotStaffException(String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "not_staff", "Not a staff account", detail);
        }
    }

    @Transactional(readOnly = true)
    public List<Member> of(Editor editor, UUID eventId) {
        catalog.owned(editor, eventId);
        return staff.ofEvent(eventId).stream()
                .map(a -> accounts.find(new UserId(a.userId()))
                        .map(u -> new Member(u.id().value(), u.email(), u.fullName(), a.createdAt())))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /**
     * Assigns the account with this e-mail; it must have the staff role (admins grant it). Assigning
     * someone already assigned changes nothing.
     */
    @Transactional
    public Member assign(Editor editor, UUID actor, UUID eventId, String email) {
        catalog.owned(editor, eventId);
        Account account = accounts.findByEmail(email == null ? "" : email.trim())
                .orElseThrow(() -> new NotStaffException("There is no account with this e-mail address."));
        if (account.role() != Role.STAFF) {
            throw new NotStaffException("This account does not have the staff role; an admin can grant it.");
        }
        UUID userId = account.id().value();
        if (staff.add(eventId, userId, actor)) {
            events.publishEvent(changed("event.staff_assigned", eventId, userId));
        }
        return of(editor, eventId).stream()
                .filter(m -> m.userId().equals(userId))
                .findFirst()
                .orElseThrow();
    }

    /** Removes a staff member from the event; 404 when they were not assigned. */
    @Transactional
    public void remove(Editor editor, UUID eventId, UUID userId) {
        catalog.owned(editor, eventId);
        if (!staff.remove(eventId, userId)) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND, "staff_not_found", "Not found", "This account is not staff of the event.");
        }
        events.publishEvent(changed("event.staff_removed", eventId, userId));
    }

    /** Whether the user is assigned as door staff of the event. */
    @Transactional(readOnly = true)
    public boolean isAssigned(UUID eventId, UUID userId) {
        return staff.isAssigned(eventId, userId);
    }

    private static CatalogChanged changed(String action, UUID eventId, UUID userId) {
        return new CatalogChanged(action, "event", eventId.toString(), null, Map.of("user_id", userId.toString()));
    }
}

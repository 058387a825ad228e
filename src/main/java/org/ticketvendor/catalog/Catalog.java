package org.ticketvendor.catalog;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.CatalogExceptions.EventNotFoundException;
import org.ticketvendor.catalog.CatalogExceptions.EventStateException;
import org.ticketvendor.catalog.CatalogExceptions.InvalidCatalogFieldsException;
import org.ticketvendor.catalog.CatalogExceptions.StaleVersionException;
import org.ticketvendor.catalog.domain.DetailRules;
import org.ticketvendor.catalog.domain.EventStatus;
import org.ticketvendor.catalog.domain.Slugs;
import org.ticketvendor.catalog.persistence.EventRepository;
import org.ticketvendor.catalog.persistence.EventSearchRepository;
import org.ticketvendor.catalog.persistence.TierRepository;

/**
 * Events: the catalog's API. Writes take the acting {@link Editor} and check ownership first;
 * an event the editor may not change is reported as missing, so ids of other promoters' events
 * reveal nothing.
 */
@Service
public class Catalog {

    private static final int SLUG_ATTEMPTS = 5;

    private final EventRepository events;
    private final TierRepository tiers;
    private final EventSearchRepository search;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Catalog(
            EventRepository events,
            TierRepository tiers,
            EventSearchRepository search,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.events = events;
        this.tiers = tiers;
        this.search = search;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Who is changing the catalog: a promoter (by profile id) or an admin, who may change anything. */
    public record Editor(UUID promoterId, boolean admin) {

        boolean mayEdit(Event event) {
            return admin || event.promoterId().equals(promoterId);
        }
    }

    @Transactional
    public Event create(Editor editor, EventDetails details) {
        validate(details);
        String base = Slugs.fromTitle(details.title());
        for (int attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
            String slug = attempt == 0 ? base : Slugs.withSuffix(base);
            Optional<Event> created = events.insert(editor.promoterId(), slug, details);
            if (created.isPresent()) {
                publisher.publishEvent(CatalogChanged.event("created", null, created.get()));
                return created.get();
            }
        }
        throw new IllegalStateException("No free slug for '" + base + "' after " + SLUG_ATTEMPTS + " attempts");
    }

    @Transactional
    public Event update(Editor editor, UUID id, long version, EventDetails details) {
        Event current = editable(editor, id, version);
        validate(details);
        if (!current.details().currency().equals(details.currency())
                && !tiers.findByEvent(id).isEmpty()) {
            throw new EventStateException(
                    "currency_locked",
                    "The event's tiers are priced in " + current.details().currency()
                            + "; delete them to change currency.");
        }
        Event updated =
                events.update(id, version, details).orElseThrow(() -> new StaleVersionException(current.version()));
        publisher.publishEvent(CatalogChanged.event("updated", current, updated));
        return updated;
    }

    /** Moves the event through its lifecycle; {@code version} null skips the version check. */
    @Transactional
    public Event transition(Editor editor, UUID id, Long version, EventStatus target) {
        Event current = owned(editor, id);
        long expected = version == null ? current.version() : version;
        if (expected != current.version()) {
            throw new StaleVersionException(current.version());
        }
        String refusal = current.status().refusal(target);
        if (refusal != null) {
            throw new EventStateException("invalid_transition", refusal);
        }
        if (target == EventStatus.PUBLISHED && current.isSuspended()) {
            throw new EventStateException(
                    "event_suspended",
                    "An admin suspended this event; it cannot be published until an admin reinstates it.");
        }
        if (target == EventStatus.PUBLISHED && tiers.findByEvent(id).isEmpty()) {
            throw new EventStateException("event_has_no_tiers", "Add at least one ticket tier before publishing.");
        }
        Event moved = events.updateStatus(
                        id, expected, target, target == EventStatus.PUBLISHED ? clock.instant() : null)
                .orElseThrow(() -> new StaleVersionException(current.version()));
        publisher.publishEvent(
                CatalogChanged.event(target == EventStatus.DRAFT ? "unpublished" : target.value(), current, moved));
        return moved;
    }

    /**
     * Suspends an event (admins only; the caller checks the role): it leaves public listings and
     * search, its public page and tiers answer 404, nothing of it can be held, ordered or waited for,
     * and its promoter cannot publish it, until an admin {@linkplain #reinstate reinstates} it. Its
     * status stays; tickets already paid stay valid (cancelling the event is a separate step).
     * Audited. No-op when already suspended.
     *
     * @throws EventStateException {@code event_not_editable} for a cancelled or completed event, which
     *     is off sale for good
     */
    @Transactional
    public Event suspend(UUID id, String reason) {
        Event current = events.findByIdForUpdate(id).orElseThrow(EventNotFoundException::new);
        if (current.isSuspended()) {
            return current;
        }
        if (current.status().isFinal()) {
            throw new EventStateException(
                    "event_not_editable", "The event is " + current.status() + "; there is nothing to suspend.");
        }
        Event suspended = events.updateSuspension(id, current.version(), clock.instant(), reason)
                .orElseThrow();
        publisher.publishEvent(CatalogChanged.suspension("suspended", current, suspended));
        return suspended;
    }

    /** Lifts an admin's suspension: a published event is public and on sale again. Audited. */
    @Transactional
    public Event reinstate(UUID id) {
        Event current = events.findByIdForUpdate(id).orElseThrow(EventNotFoundException::new);
        if (!current.isSuspended()) {
            return current;
        }
        Event reinstated =
                events.updateSuspension(id, current.version(), null, null).orElseThrow();
        publisher.publishEvent(CatalogChanged.suspension("reinstated", current, reinstated));
        return reinstated;
    }

    /** Soft-deletes an event that is not on sale. */
    @Transactional
    public void delete(Editor editor, UUID id, Long version) {
        Event current = owned(editor, id);
        if (current.status() == EventStatus.PUBLISHED) {
            throw new EventStateException("event_published", "Unpublish or cancel the event before deleting it.");
        }
        long expected = version == null ? current.version() : version;
        if (!events.softDelete(id, expected, clock.instant())) {
            throw new StaleVersionException(current.version());
        }
        publisher.publishEvent(CatalogChanged.event("deleted", current, null));
    }

    /** An event by id, in any status, for other modules; empty when deleted. */
    @Transactional(readOnly = true)
    public Optional<Event> find(UUID id) {
        return events.findById(id);
    }

    /** An event the editor may change, in any status. */
    @Transactional(readOnly = true)
    public Event owned(Editor editor, UUID id) {
        return events.findById(id).filter(editor::mayEdit).orElseThrow(EventNotFoundException::new);
    }

    /** A public event by id or slug; the owner and admins also see it unpublished. */
    @Transactional(readOnly = true)
    public Event visible(String idOrSlug, Optional<Editor> viewer) {
        Optional<Event> found = parseUuid(idOrSlug).flatMap(events::findById).or(() -> events.findBySlug(idOrSlug));
        return found.filter(e -> e.isPublic() || viewer.map(v -> v.mayEdit(e)).orElse(false))
                .orElseThrow(EventNotFoundException::new);
    }

    @Transactional(readOnly = true)
    public EventPage search(EventQuery query) {
        return search.search(query);
    }

    @Transactional(readOnly = true)
    public java.util.List<Event> ofPromoter(UUID promoterId, int page, int size) {
        return events.findByPromoter(promoterId, size, page * size);
    }

    @Transactional(readOnly = true)
    public long countOfPromoter(UUID promoterId) {
        return events.countByPromoter(promoterId);
    }

    private Event editable(Editor editor, UUID id, long version) {
        Event current = owned(editor, id);
        if (current.version() != version) {
            throw new StaleVersionException(current.version());
        }
        if (current.status().isFinal()) {
            throw new EventStateException(
                    "event_not_editable", "The event is " + current.status() + " and can no longer be changed.");
        }
        return current;
    }

    private static void validate(EventDetails d) {
        Map<String, String> problems = DetailRules.event(
                d.startsAt(),
                d.endsAt(),
                d.currency(),
                d.timezone(),
                d.venue() == null ? null : d.venue().country());
        if (!problems.isEmpty()) {
            throw new InvalidCatalogFieldsException(problems);
        }
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

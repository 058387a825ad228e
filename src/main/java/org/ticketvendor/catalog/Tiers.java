package org.ticketvendor.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.CatalogExceptions.EventStateException;
import org.ticketvendor.catalog.CatalogExceptions.InvalidCatalogFieldsException;
import org.ticketvendor.catalog.CatalogExceptions.StaleVersionException;
import org.ticketvendor.catalog.CatalogExceptions.TierNotFoundException;
import org.ticketvendor.catalog.domain.DetailRules;
import org.ticketvendor.catalog.domain.SalesWindow;
import org.ticketvendor.catalog.persistence.TierRepository;
import org.ticketvendor.inventory.Availability;
import org.ticketvendor.inventory.Inventory;

/**
 * Ticket tiers of an event. Capacity is kept in step with the inventory's stock in the same
 * transaction: raising always works, lowering only down to what is sold and held.
 */
@Service
public class Tiers {

    private final TierRepository tiers;
    private final Catalog catalog;
    private final Inventory inventory;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Tiers(
            TierRepository tiers,
            Catalog catalog,
            Inventory inventory,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.tiers = tiers;
        this.catalog = catalog;
        this.inventory = inventory;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A tier with what is left of it; {@code onSale} says whether buyers can hold it right now. */
    public record TierWithAvailability(Tier tier, Availability availability, boolean onSale) {}

    @Transactional
    public Tier create(Catalog.Editor editor, UUID eventId, TierDetails details) {
        Event event = catalog.owned(editor, eventId);
        requireEditable(event);
        validate(details);
        Tier tier;
        try {
            tier = tiers.insert(eventId, event.details().currency(), details);
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        inventory.createStock(tier.id(), details.capacity());
        publisher.publishEvent(CatalogChanged.tier("created", null, tier));
        return tier;
    }

    @Transactional
    public Tier update(Catalog.Editor editor, UUID eventId, UUID tierId, long version, TierDetails details) {
        Event event = catalog.owned(editor, eventId);
        requireEditable(event);
        Tier current = tierOf(eventId, tierId);
        if (current.version() != version) {
            throw new StaleVersionException(current.version());
        }
        validate(details);
        if (details.capacity() != current.details().capacity()) {
            inventory.resize(tierId, details.capacity());
        }
        Tier updated;
        try {
            updated = tiers.update(tierId, version, details).orElseThrow(() -> new StaleVersionException(version));
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        publisher.publishEvent(CatalogChanged.tier("updated", current, updated));
        return updated;
    }

    /** Deletes a tier nobody has bought or holds. */
    @Transactional
    public void delete(Catalog.Editor editor, UUID eventId, UUID tierId, Long version) {
        Event event = catalog.owned(editor, eventId);
        requireEditable(event);
        Tier current = tierOf(eventId, tierId);
        long expected = version == null ? current.version() : version;
        if (expected != current.version()) {
            throw new StaleVersionException(current.version());
        }
        inventory.removeStock(tierId);
        if (!tiers.softDelete(tierId, expected, clock.instant())) {
            throw new StaleVersionException(current.version());
        }
        publisher.publishEvent(CatalogChanged.tier("deleted", current, null));
    }

    /** The event's tiers with availability; hidden tiers only for those who may edit the event. */
    @Transactional(readOnly = true)
    public List<TierWithAvailability> ofEvent(String eventIdOrSlug, Optional<Catalog.Editor> viewer) {
        Event event = catalog.visible(eventIdOrSlug, viewer);
        boolean editor = viewer.map(v -> v.mayEdit(event)).orElse(false);
        List<Tier> list = tiers.findByEvent(event.id()).stream()
                .filter(t -> editor || !t.details().hidden())
                .toList();
        Map<UUID, Availability> stock =
                inventory.availability(list.stream().map(Tier::id).toList());
        return list.stream()
                .map(t -> withAvailability(event, t, stock.get(t.id())))
                .toList();
    }

    /** The tiers with what selling them needs; unknown or deleted tiers are absent from the map. */
    @Transactional(readOnly = true)
    public Map<UUID, TierForSale> forSale(java.util.Collection<UUID> tierIds) {
        Map<UUID, TierForSale> result = new java.util.HashMap<>();
        Map<UUID, Optional<Event>> events = new java.util.HashMap<>();
        for (UUID tierId : tierIds) {
            tiers.findById(tierId).ifPresent(tier -> {
                Optional<Event> event = events.computeIfAbsent(tier.eventId(), catalog::find);
                event.ifPresent(e -> result.put(tierId, forSale(e, tier)));
            });
        }
        return result;
    }

    private static TierForSale forSale(Event event, Tier tier) {
        TierDetails d = tier.details();
        return new TierForSale(
                tier.id(),
                event.id(),
                event.details().title(),
                event.isPublic(),
                d.hidden(),
                d.name(),
                d.priceMinor(),
                tier.currency(),
                d.minPerOrder(),
                d.maxPerOrder(),
                d.salesStartAt(),
                d.salesEndAt());
    }

    /** One tier's availability, for the public availability endpoint: two primary-key reads. */
    @Transactional(readOnly = true)
    public TierWithAvailability availability(UUID tierId) {
        Tier tier = tiers.findById(tierId).filter(t -> !t.details().hidden()).orElseThrow(TierNotFoundException::new);
        // A tier of an event the public cannot see is answered like a tier that does not exist, not
        // with "no such event", which would tell that the tier id is real.
        Event event = catalog.find(tier.eventId()).filter(Event::isPublic).orElseThrow(TierNotFoundException::new);
        return withAvailability(event, tier, inventory.availability(tierId));
    }

    private TierWithAvailability withAvailability(Event event, Tier tier, Availability availability) {
        boolean onSale = event.isPublic()
                && availability != null
                && !availability.soldOut()
                && tier.salesWindow().isOpen(clock.instant());
        return new TierWithAvailability(tier, availability, onSale);
    }

    private Tier tierOf(UUID eventId, UUID tierId) {
        return tiers.findById(tierId).filter(t -> t.eventId().equals(eventId)).orElseThrow(TierNotFoundException::new);
    }

    private static void requireEditable(Event event) {
        if (event.status().isFinal()) {
            throw new EventStateException(
                    "event_not_editable", "The event is " + event.status() + " and can no longer be changed.");
        }
    }

    private static void validate(TierDetails d) {
        Map<String, String> problems =
                DetailRules.tier(new SalesWindow(d.salesStartAt(), d.salesEndAt()), d.minPerOrder(), d.maxPerOrder());
        if (!problems.isEmpty()) {
            throw new InvalidCatalogFieldsException(problems);
        }
    }

    private static EventStateException duplicateName() {
        return new EventStateException("tier_name_taken", "The event already has a tier with this name.");
    }
}

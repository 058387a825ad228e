package org.ticketvendor.waitlist;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.CatalogChanged;
import org.ticketvendor.catalog.TierForSale;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.inventory.Availability;
import org.ticketvendor.inventory.Holds;
import org.ticketvendor.inventory.Inventory;
import org.ticketvendor.inventory.InventoryExceptions.HoldNotActiveException;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.orders.Orders;
import org.ticketvendor.waitlist.WaitlistExceptions.EntryNotFoundException;
import org.ticketvendor.waitlist.WaitlistExceptions.InvalidWaitlistRequestException;
import org.ticketvendor.waitlist.WaitlistExceptions.WaitlistStateException;
import org.ticketvendor.waitlist.persistence.WaitlistRepository;

/**
 * The waitlist's API for buyers: join a sold-out tier, see where they stand, leave, and claim an
 * offer. Joining adds the entry's seats to the tier's queue count in the same transaction, so from
 * then on seats that come free go to the queue before the public; {@link WaitlistOffers} turns them
 * into offers.
 */
@Service
public class Waitlist {

    /** The most seats one entry may wait for (the table enforces the same). */
    public static final int MAX_QUANTITY = 10;

    private final WaitlistRepository entries;
    private final Tiers tiers;
    private final Inventory inventory;
    private final Holds holds;
    private final OrderPayments payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Waitlist(
            WaitlistRepository entries,
            Tiers tiers,
            Inventory inventory,
            Holds holds,
            OrderPayments payments,
            ApplicationEventPublisher events,
            Clock clock) {
        this.entries = entries;
        this.tiers = tiers;
        this.inventory = inventory;
        this.holds = holds;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Puts the buyer in the tier's queue. Allowed only when the tier cannot sell them that many
     * seats now (sold out, or fewer left than asked), once per buyer and tier.
     *
     * @param eventId the tier's event, when the caller named it (checked), or null
     */
    @Transactional
    public WaitlistEntry join(UUID buyer, UUID eventId, UUID tierId, int quantity) {
        TierForSale tier = tiers.forSale(List.of(tierId)).get(tierId);
        // A tier of an event the public cannot see (a draft, cancelled or suspended one) is answered
        // like a tier that does not exist, as the catalog answers for the event.
        if (tier == null || tier.hidden() || !tier.eventOnSale()) {
            throw new InvalidWaitlistRequestException("unknown_tier", "There is no such tier on sale.");
        }
        if (eventId != null && !eventId.equals(tier.eventId())) {
            throw new InvalidWaitlistRequestException("tier_not_in_event", "The tier does not belong to that event.");
        }
        if (tier.salesEndAt() != null && !clock.instant().isBefore(tier.salesEndAt())) {
            throw new WaitlistStateException("not_on_sale", "This tier is not on sale, so it has no waitlist.");
        }
        int most = Math.min(MAX_QUANTITY, tier.maxPerOrder());
        if (quantity < Math.max(1, tier.minPerOrder()) || quantity > most) {
            throw new InvalidWaitlistRequestException(
                    "invalid_quantity",
                    "Quantity must be between " + Math.max(1, tier.minPerOrder()) + " and " + most + ".");
        }
        Availability now = inventory.availability(tierId);
        if (now.available() >= quantity) {
            throw new WaitlistStateException(
                            "seats_available", "These seats can be bought now; the waitlist is for sold-out tiers.")
                    .with("available", now.available());
        }
        UUID id;
        try {
            id = entries.insert(tier.eventId(), tierId, buyer, quantity);
        } catch (DuplicateKeyException already) {
            throw new WaitlistStateException("already_waiting", "You are already on this tier's waitlist.");
        }
        inventory.queue(tierId, quantity);
        WaitlistEntry entry = entries.find(id).orElseThrow();
        events.publishEvent(WaitlistChanged.of("joined", entry, null));
        return entry;
    }

    /** The buyer's entries, newest first, with their place in the queue. */
    @Transactional(readOnly = true)
    public List<WaitlistEntry> of(UUID buyer, int page, int size) {
        return entries.ofUser(buyer, page, size);
    }

    @Transactional(readOnly = true)
    public long countOf(UUID buyer) {
        return entries.countOfUser(buyer);
    }

    @Transactional(readOnly = true)
    public WaitlistEntry of(UUID buyer, UUID entryId) {
        return entries.find(entryId).filter(e -> e.userId().equals(buyer)).orElseThrow(EntryNotFoundException::new);
    }

    /**
     * Leaves the waitlist: a waiting entry's seats leave the queue, an offer's held seats come free
     * (for the next in line). Leaving twice is fine; a claimed or expired entry has nothing to leave.
     */
    @Transactional
    public void leave(UUID buyer, UUID entryId) {
        WaitlistEntry entry =
                entries.lock(entryId).filter(e -> e.userId().equals(buyer)).orElseThrow(EntryNotFoundException::new);
        switch (entry.status()) {
            case "cancelled" -> {}
            case "waiting", "offered" -> end(entry, "cancelled", "left");
            default ->
                throw new WaitlistStateException(
                        "waitlist_entry_finished", "This entry is " + entry.status() + "; there is nothing to leave.");
        }
    }

    /**
     * Claims an offer: an order for the offered seats, taking over their hold, with the usual payment
     * flow. Claiming again returns the same order.
     *
     * @param created told the new order's id inside its transaction (for idempotency keys)
     */
    public OrderPayments.Payable claim(UUID buyer, UUID entryId, Consumer<UUID> created) {
        WaitlistEntry entry = of(buyer, entryId);
        if ("claimed".equals(entry.status())) {
            return payments.view(buyer, entry.orderId());
        }
        if (!"offered".equals(entry.status()) || !entry.offerExpiresAt().isAfter(clock.instant())) {
            throw new WaitlistStateException(
                    "no_open_offer", "This entry has no offer to claim (it is " + entry.status() + ").");
        }
        try {
            return payments.placeOnHold(
                    buyer,
                    List.of(new Orders.Item(entry.tierId(), entry.quantity())),
                    entry.holdReference(),
                    orderId -> {
                        if (!entries.markClaimed(entryId, orderId, clock.instant())) {
                            throw new WaitlistStateException("no_open_offer", "This offer is no longer open.");
                        }
                        events.publishEvent(WaitlistChanged.of(
                                "claimed", entries.find(entryId).orElseThrow(), "offered"));
                        created.accept(orderId);
                    });
        } catch (HoldNotActiveException raced) {
            WaitlistEntry now = of(buyer, entryId);
            if ("claimed".equals(now.status())) {
                return payments.view(buyer, now.orderId()); // a concurrent claim of the same offer won
            }
            throw new WaitlistStateException("no_open_offer", "This offer is no longer open.");
        }
    }

    /** A cancelled event's queue ends with it; offered seats are released. */
    @EventListener
    void on(CatalogChanged changed) {
        if (!"event.cancelled".equals(changed.action())) {
            return;
        }
        for (UUID id : entries.liveOfEvent(UUID.fromString(changed.entityId()))) {
            entries.lock(id).ifPresent(e -> end(e, "cancelled", "cancelled"));
        }
    }

    /** Ends a waiting or offered entry, giving its seats back to the queue or the public. */
    void end(WaitlistEntry entry, String status, String action) {
        if (!entries.move(entry.id(), entry.status(), status, clock.instant())) {
            return;
        }
        events.publishEvent(WaitlistChanged.of(action, entries.find(entry.id()).orElseThrow(), entry.status()));
        if ("waiting".equals(entry.status())) {
            inventory.queue(entry.tierId(), -entry.quantity());
        } else {
            holds.release(entry.holdReference());
        }
    }
}

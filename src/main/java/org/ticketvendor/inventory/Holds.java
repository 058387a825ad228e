package org.ticketvendor.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.inventory.InventoryExceptions.HoldExistsException;
import org.ticketvendor.inventory.InventoryExceptions.HoldNotActiveException;
import org.ticketvendor.inventory.InventoryExceptions.SoldOutException;
import org.ticketvendor.inventory.persistence.HoldRepository;
import org.ticketvendor.inventory.persistence.HoldRepository.HoldItem;
import org.ticketvendor.inventory.persistence.HoldRepository.HoldRow;
import org.ticketvendor.inventory.persistence.TierStockRepository;

/**
 * Holds: seats set aside for a reference (an order) until a deadline, then sold, released or
 * expired. Each tier's seats are taken by one conditional update ({@code sold + held + q <=
 * capacity}), so concurrent buyers can never be promised more than there is, on any number of
 * instances. A hold over several tiers is all or nothing: the transaction rolls back if any tier
 * falls short. Tiers are always taken in id order, so two multi-tier holds cannot deadlock.
 */
@Service
public class Holds {

    private final TierStockRepository stock;
    private final HoldRepository holds;
    private final InventorySettings settings;
    private final SoldOutTiers soldOut;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Holds(
            TierStockRepository stock,
            HoldRepository holds,
            InventorySettings settings,
            SoldOutTiers soldOut,
            ApplicationEventPublisher events,
            Clock clock) {
        this.stock = stock;
        this.holds = holds;
        this.settings = settings;
        this.soldOut = soldOut;
        this.events = events;
        this.clock = clock;
    }

    /** A placed hold: until when the seats are kept. */
    public record Hold(String reference, Map<UUID, Integer> items, Instant expiresAt) {}

    /**
     * Sets seats aside for the reference for the configured time.
     *
     * @param items seats per tier, each at least 1
     * @throws SoldOutException when a tier has fewer seats left than asked (nothing is held then)
     * @throws HoldExistsException when the reference already has a hold
     */
    @Transactional
    public Hold place(String reference, Map<UUID, Integer> items) {
        return place(reference, items, settings.holdTtl());
    }

    /**
     * Refuses at once, without asking the database, a request for a tier this instance saw sold
     * out moments ago (see {@link SoldOutTiers}); otherwise does nothing.
     *
     * @throws SoldOutException listing the sold-out tiers with nothing available
     */
    public void refuseKnownSoldOut(java.util.Collection<UUID> tierIds) {
        for (UUID tierId : tierIds) {
            if (soldOut.isSoldOut(tierId)) {
                throw new SoldOutException(tierId, Map.of(tierId, new Availability(0, 0, 0)));
            }
        }
    }

    /** As {@link #place(String, Map)}, with an explicit time to live. */
    @Transactional
    public Hold place(String reference, Map<UUID, Integer> items, Duration ttl) {
        return place(reference, items, clock.instant().plus(ttl));
    }

    /** When a hold placed now would end: the deadline to pay, for the caller to record first. */
    public Instant deadline() {
        return clock.instant().plus(settings.holdTtl());
    }

    /**
     * As {@link #place(String, Map)}, until the given deadline. The hold's own rows are written
     * first and the tiers' stock rows last, so those (the hot rows of an on-sale) stay locked only
     * from here to the caller's commit: callers should place holds as the last write of their
     * transaction.
     */
    @Transactional
    public Hold place(String reference, Map<UUID, Integer> items, Instant expiresAt) {
        Map<UUID, Integer> ordered = byTier(items);
        try {
            holds.insert(reference, expiresAt, ordered);
        } catch (DuplicateKeyException e) {
            throw new HoldExistsException();
        }
        Map<UUID, Integer> taken = new java.util.LinkedHashMap<>();
        for (Map.Entry<UUID, Integer> item : ordered.entrySet()) {
            Optional<Availability> after = stock.hold(item.getKey(), item.getValue());
            if (after.isEmpty()) {
                Map<UUID, Availability> seen = withoutOwn(stock.findAll(ordered.keySet()), taken);
                Availability shortTier = seen.get(item.getKey());
                if (shortTier != null && shortTier.soldOut()) {
                    soldOut.markSoldOut(item.getKey());
                }
                throw new SoldOutException(item.getKey(), seen);
            }
            taken.put(item.getKey(), item.getValue());
            announceIfSoldOut(item.getKey(), after.get());
        }
        return new Hold(reference, ordered, expiresAt);
    }

    /** Stock as others see it: without the seats this transaction took before it fell short (rolled back). */
    private static Map<UUID, Availability> withoutOwn(Map<UUID, Availability> read, Map<UUID, Integer> taken) {
        Map<UUID, Availability> seen = new java.util.LinkedHashMap<>(read);
        taken.forEach((tierId, quantity) -> seen.computeIfPresent(
                tierId, (id, a) -> new Availability(a.capacity(), a.sold(), a.held() - quantity)));
        return seen;
    }

    /**
     * As {@link #place(String, Map)}, but reports a shortfall by returning empty instead of throwing,
     * so a caller can react inside its own transaction (a late payment looking for its seats again).
     * Seats taken before the shortfall are given back. A buyer who has paid comes before the
     * waitlist: free seats count even when people wait for them.
     */
    @Transactional
    public Optional<Hold> tryPlace(String reference, Map<UUID, Integer> items) {
        Map<UUID, Integer> ordered = byTier(items);
        Map<UUID, Integer> taken = new java.util.LinkedHashMap<>();
        for (Map.Entry<UUID, Integer> item : ordered.entrySet()) {
            Optional<Availability> after = stock.holdAhead(item.getKey(), item.getValue());
            if (after.isEmpty()) {
                taken.forEach((tierId, quantity) -> announceIfBack(tierId, stock.unhold(tierId, quantity)));
                return Optional.empty();
            }
            taken.put(item.getKey(), item.getValue());
            announceIfSoldOut(item.getKey(), after.get());
        }
        Instant expiresAt = clock.instant().plus(settings.holdTtl());
        holds.insert(reference, expiresAt, ordered);
        return Optional.of(new Hold(reference, ordered, expiresAt));
    }

    /**
     * Offers free seats to the waitlist: moves them from waiting to a hold for the reference (the
     * waitlist entry), in one conditional update. Empty when the seats are not free.
     */
    @Transactional
    public Optional<Hold> offer(String reference, UUID tierId, int quantity, Duration ttl) {
        Optional<Availability> after = stock.holdForQueue(tierId, quantity);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        Instant expiresAt = clock.instant().plus(ttl);
        holds.insert(reference, expiresAt, Map.of(tierId, quantity));
        return Optional.of(new Hold(reference, Map.of(tierId, quantity), expiresAt));
    }

    /**
     * Hands an active hold to another reference (a waitlist offer claimed by an order), with a new
     * deadline.
     *
     * @throws HoldNotActiveException when the hold expired, was released or sold
     */
    @Transactional
    public Hold transfer(String from, String to, Instant expiresAt) {
        HoldRow hold = active(from);
        Map<UUID, Integer> items = new java.util.LinkedHashMap<>();
        holds.items(hold.id()).forEach(i -> items.put(i.tierId(), i.quantity()));
        try {
            holds.transfer(hold.id(), to, expiresAt);
        } catch (DuplicateKeyException e) {
            throw new HoldExistsException();
        }
        return new Hold(to, items, expiresAt);
    }

    /**
     * Sells the held seats. Fails when the hold is no longer active (it expired or was released):
     * the caller may then try {@link #place} again for a late payment.
     */
    @Transactional
    public void sell(String reference) {
        HoldRow hold = active(reference);
        holds.markConverted(hold.id(), clock.instant());
        for (HoldItem item : holds.items(hold.id())) {
            stock.sell(item.tierId(), item.quantity());
        }
    }

    /** Whether the reference has an active hold, locking it so it stays so for this transaction. */
    @Transactional
    public boolean isActive(String reference) {
        return holds.lockByReference(reference)
                .filter(h -> "active".equals(h.status()))
                .isPresent();
    }

    /** Gives the seats back at once (a cancelled order). No-op when the hold is not active. */
    @Transactional
    public boolean release(String reference) {
        return holds.lockByReference(reference)
                .filter(h -> "active".equals(h.status()))
                .map(h -> {
                    giveBack(h, "released");
                    return true;
                })
                .orElse(false);
    }

    /** Expires the hold now, whatever its deadline (its owner decided). No-op when not active. */
    @Transactional
    public boolean expire(String reference) {
        return holds.lockByReference(reference)
                .filter(h -> "active".equals(h.status()))
                .map(h -> {
                    giveBack(h, "expired");
                    return true;
                })
                .orElse(false);
    }

    /**
     * Returns sold seats to sale (a refund).
     *
     * @param items seats per tier to give back
     */
    @Transactional
    public void unsell(Map<UUID, Integer> items) {
        byTier(items).forEach((tierId, quantity) -> announceIfBack(tierId, stock.unsell(tierId, quantity)));
    }

    /**
     * Expires holds whose deadline passed more than {@code grace} ago: the safety net for holds whose
     * owner never came back. Safe on many instances at once (rows are claimed with SKIP LOCKED).
     *
     * @return how many holds expired
     */
    @Transactional
    public int expireOverdue(Duration grace, int limit) {
        List<HoldRow> overdue = holds.claimExpired(clock.instant().minus(grace), limit);
        overdue.forEach(h -> giveBack(h, "expired"));
        return overdue.size();
    }

    /**
     * Tiers in the order PostgreSQL sorts their ids (byte order, which is the order of the text
     * form; Java's {@code UUID.compareTo} is signed and differs), so every path locks stock rows in
     * one order and concurrent multi-tier holds cannot deadlock.
     */
    private static Map<UUID, Integer> byTier(Map<UUID, Integer> items) {
        Map<UUID, Integer> ordered = new TreeMap<>(java.util.Comparator.comparing(UUID::toString));
        ordered.putAll(items);
        return ordered;
    }

    private HoldRow active(String reference) {
        HoldRow hold = holds.lockByReference(reference).orElseThrow(() -> new HoldNotActiveException(null));
        if (!"active".equals(hold.status())) {
            throw new HoldNotActiveException(hold.status());
        }
        return hold;
    }

    /** The hold's own row and its listeners first, the tiers' (hot) stock rows last. */
    private void giveBack(HoldRow hold, String status) {
        holds.markReleased(hold.id(), status, clock.instant());
        if ("expired".equals(status)) {
            events.publishEvent(new HoldExpired(hold.reference()));
        }
        for (HoldItem item : holds.items(hold.id())) {
            announceIfBack(item.tierId(), stock.unhold(item.tierId(), item.quantity()));
        }
    }

    private void announceIfSoldOut(UUID tierId, Availability after) {
        if (after.soldOut()) {
            events.publishEvent(new StockLevelChanged(tierId, 0));
        }
    }

    private void announceIfBack(UUID tierId, Availability after) {
        events.publishEvent(new StockLevelChanged(tierId, after.available()));
    }
}

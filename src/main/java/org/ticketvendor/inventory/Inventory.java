package org.ticketvendor.inventory;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.inventory.InventoryExceptions.CapacityBelowCommittedException;
import org.ticketvendor.inventory.InventoryExceptions.InvalidCapacityException;
import org.ticketvendor.inventory.InventoryExceptions.StockInUseException;
import org.ticketvendor.inventory.InventoryExceptions.StockNotFoundException;
import org.ticketvendor.inventory.persistence.TierStockRepository;

/**
 * Stock per ticket tier: the inventory module's API. Tiers are known only by the id the catalog
 * gives them. Every method joins the caller's transaction, so the catalog can create a tier and its
 * stock atomically.
 */
@Service
public class Inventory {

    /** The smallest capacity a tier can have. */
    public static final int MIN_CAPACITY = 1;

    /** The largest capacity a tier can have; the database enforces the same bound. */
    public static final int MAX_CAPACITY = 1_000_000;

    private final TierStockRepository stock;

    private final ApplicationEventPublisher events;

    Inventory(TierStockRepository stock, ApplicationEventPublisher events) {
        this.stock = stock;
        this.events = events;
    }

    /**
     * Records the stock of a new tier: the given capacity, nothing sold or held.
     *
     * @throws InvalidCapacityException when the capacity is out of range
     */
    @Transactional
    public void createStock(UUID tierId, int capacity) {
        requireValidCapacity(capacity);
        stock.insert(tierId, capacity);
    }

    /**
     * Changes a tier's capacity. Raising is always allowed; lowering only down to the seats already
     * sold or held. One conditional update decides, so a hold racing with the resize either lands
     * before it (and is counted) or after it (and sees the new capacity).
     *
     * @return the stock after the change
     * @throws InvalidCapacityException when the capacity is out of range
     * @throws CapacityBelowCommittedException when sold + held exceed the new capacity
     * @throws StockNotFoundException when the tier has no stock
     */
    @Transactional
    public Availability resize(UUID tierId, int newCapacity) {
        requireValidCapacity(newCapacity);
        Availability resized = stock.resize(tierId, newCapacity).orElseThrow(() -> {
            Availability current = stock.find(tierId).orElseThrow(StockNotFoundException::new);
            return new CapacityBelowCommittedException(current.sold() + current.held());
        });
        events.publishEvent(new StockLevelChanged(tierId, resized.available()));
        return resized;
    }

    /**
     * A tier's current stock.
     *
     * @throws StockNotFoundException when the tier has no stock
     */
    @Transactional(readOnly = true)
    public Availability availability(UUID tierId) {
        return stock.find(tierId).orElseThrow(StockNotFoundException::new);
    }

    /**
     * The stock of many tiers in one query, for listings. Tiers without stock are absent from the
     * map.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Availability> availability(Collection<UUID> tierIds) {
        return stock.findAll(tierIds);
    }

    /**
     * People on the waitlist now wait for {@code delta} more seats of the tier (fewer when negative):
     * free seats go to them before the public.
     */
    @Transactional
    public Availability queue(UUID tierId, int delta) {
        Availability after = stock.queue(tierId, delta);
        events.publishEvent(new StockLevelChanged(tierId, after.available()));
        return after;
    }

    /**
     * Tiers with people waiting and seats free, locked until the caller's transaction ends; tiers
     * another transaction holds are skipped, so two instances never offer the same seats.
     *
     * @return free seats per tier
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, Integer> lockOfferable(int limit) {
        return stock.lockOfferable(limit);
    }

    /**
     * Removes a tier's stock, for deleting the tier. Refused while anything is sold or held.
     *
     * @throws StockInUseException when seats are sold or held
     * @throws StockNotFoundException when the tier has no stock
     */
    @Transactional
    public void removeStock(UUID tierId) {
        if (!stock.deleteIfUnused(tierId)) {
            stock.find(tierId).orElseThrow(StockNotFoundException::new);
            throw new StockInUseException();
        }
    }

    private static void requireValidCapacity(int capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new InvalidCapacityException();
        }
    }
}

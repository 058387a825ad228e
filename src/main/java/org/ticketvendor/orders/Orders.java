package org.ticketvendor.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.catalog.TierForSale;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.inventory.Holds;
import org.ticketvendor.orders.OrderExceptions.BuyerLimitException;
import org.ticketvendor.orders.OrderExceptions.InvalidOrderException;
import org.ticketvendor.orders.OrderExceptions.NotOnSaleException;
import org.ticketvendor.orders.OrderExceptions.OrderNotFoundException;
import org.ticketvendor.orders.OrderExceptions.OrderStateException;
import org.ticketvendor.orders.domain.CartRules;
import org.ticketvendor.orders.domain.OrderNumbers;
import org.ticketvendor.orders.persistence.OrderRepository;

/**
 * Orders: the orders module's API. Placing an order is one transaction: it checks everything that
 * can be checked without locks first (tiers exist, are on sale, quantities within limits), then
 * records the order with a price snapshot and holds the seats last, so an order exists exactly when
 * its seats are held.
 */
@Service
public class Orders {

    private final OrderRepository orders;
    private final Tiers tiers;
    private final Holds holds;
    private final OrdersSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    Orders(
            OrderRepository orders,
            Tiers tiers,
            Holds holds,
            OrdersSettings settings,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            Clock clock) {
        this.orders = orders;
        this.tiers = tiers;
        this.holds = holds;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How an order gets its seats: a new hold, or one taken over. */
    @FunctionalInterface
    private interface Seats {
        Holds.Hold take(UUID orderId, Map<UUID, Integer> quantities, Instant deadline);
    }

    /** One requested line. */
    public record Item(UUID tierId, int quantity) {}

    /**
     * Holds the seats and creates a pending order that expires with the hold.
     *
     * @throws InvalidOrderException for unknown tiers, duplicate lines or quantities out of limits
     * @throws NotOnSaleException when the event or a tier is not on sale now
     * @throws BuyerLimitException when the buyer would have too many tickets for the event
     * @throws org.ticketvendor.inventory.InventoryExceptions.SoldOutException when seats are short
     */
    public Order place(UUID buyer, List<Item> items) {
        return place(buyer, items, id -> {});
    }

    /**
     * As {@link #place(UUID, List)}, telling {@code created} the new order's id inside the
     * transaction that creates it (for idempotency keys).
     */
    public Order place(UUID buyer, List<Item> items, java.util.function.Consumer<UUID> created) {
        return place(
                buyer,
                items,
                created,
                (orderId, quantities, deadline) -> holds.place(orderId.toString(), quantities, deadline));
    }

    /**
     * As {@link #place(UUID, List, java.util.function.Consumer)} with seats already held for the
     * buyer under another reference (a waitlist offer): the order takes that hold over, with the
     * usual time to pay, instead of competing for seats.
     *
     * @throws org.ticketvendor.inventory.InventoryExceptions.HoldNotActiveException when that hold
     *     is no longer active
     */
    public Order placeOnHold(
            UUID buyer, List<Item> items, String heldReference, java.util.function.Consumer<UUID> created) {
        return place(
                buyer,
                items,
                created,
                (orderId, quantities, deadline) -> holds.transfer(heldReference, orderId.toString(), deadline));
    }

    private Order place(UUID buyer, List<Item> items, java.util.function.Consumer<UUID> created, Seats seats) {
        return transactions.execute(status -> {
            // Checked in the order's transaction (one transaction less per hold), before any lock.
            Map<UUID, TierForSale> found =
                    tiers.forSale(items.stream().map(Item::tierId).toList());
            Map<UUID, Integer> quantities = validate(items, found);
            TierForSale first = found.get(items.get(0).tierId());
            List<Order.Line> lines = items.stream()
                    .map(i -> {
                        TierForSale tier = found.get(i.tierId());
                        return new Order.Line(null, tier.tierId(), tier.name(), i.quantity(), tier.priceMinor());
                    })
                    .toList();
            // One buyer's orders for one event are placed one at a time, so the limit holds under retries.
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "order-limit:" + buyer + ":" + first.eventId())
                    .query()
                    .singleRow();
            int owned = orders.ticketsOfBuyer(buyer, first.eventId());
            if (!CartRules.withinBuyerLimit(owned, quantities, settings.maxTicketsPerBuyerPerEvent())) {
                throw new BuyerLimitException(settings.maxTicketsPerBuyerPerEvent(), owned);
            }
            UUID id = UUID.randomUUID();
            Instant deadline = holds.deadline();
            Order order =
                    orders.insert(id, OrderNumbers.next(), buyer, first.eventId(), first.currency(), deadline, lines);
            events.publishEvent(OrderChanged.placed(order));
            created.accept(order.id());
            // The seats last: the tier's stock row (the hot row of an on-sale) is locked from here to
            // the commit only. Sold out rolls back all of the above.
            seats.take(id, quantities, deadline);
            if (order.totalMinor() == 0) {
                return markPaid(order); // Free tickets: nothing to pay, so nothing to wait for.
            }
            return order;
        });
    }

    /**
     * Refuses at once a request for a tier seen sold out moments ago, before anything is written
     * (not even its idempotency key): the flood after a sell-out costs no database query.
     *
     * @throws org.ticketvendor.inventory.InventoryExceptions.SoldOutException for such a tier
     */
    public void refuseKnownSoldOut(List<Item> items) {
        holds.refuseKnownSoldOut(items.stream().map(Item::tierId).toList());
    }

    /** Any order, for other modules that check access themselves. */
    @Transactional(readOnly = true)
    public Optional<Order> find(UUID orderId) {
        return orders.find(orderId);
    }

    /**
     * Takes tickets of a paid order back (a refund the promoter or an admin decided): their seats
     * return to sale, the order becomes refunded or partially refunded, and the money is recorded as
     * owed, to be paid out by the refund job. Joins the caller's transaction.
     *
     * @param seats seats given back per tier
     * @param everything whether no valid ticket of the order remains
     */
    @Transactional
    public Order takeBack(
            UUID orderId, Map<UUID, Integer> seats, List<UUID> ticketIds, String reason, boolean everything) {
        return takeBack(orderId, seats, ticketIds, reason, everything, true);
    }

    /**
     * As {@link #takeBack(UUID, Map, List, String, boolean)} for money that has already gone back to
     * the buyer outside this application (a refund in the provider's dashboard): nothing is owed.
     */
    @Transactional
    public Order takeBackRefunded(
            UUID orderId, Map<UUID, Integer> seats, List<UUID> ticketIds, String reason, boolean everything) {
        return takeBack(orderId, seats, ticketIds, reason, everything, false);
    }

    private Order takeBack(
            UUID orderId,
            Map<UUID, Integer> seats,
            List<UUID> ticketIds,
            String reason,
            boolean everything,
            boolean owed) {
        Order order = orders.lock(orderId).orElseThrow(OrderNotFoundException::new);
        if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
            throw new OrderStateException(
                    "order_not_refundable", "Only paid orders can be refunded; this one is " + order.status() + ".");
        }
        long amount = 0;
        for (Order.Line line : order.lines()) {
            amount += line.unitPriceMinor() * seats.getOrDefault(line.tierId(), 0);
        }
        if (owed && amount > 0) {
            orders.owe(orderId, "requested", amount, order.currency(), reason, ticketIds);
        }
        OrderStatus status = everything ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        orders.markRefundStatus(orderId, status.value(), clock.instant());
        Order after = orders.find(orderId).orElseThrow();
        events.publishEvent(OrderChanged.moved(
                everything ? "refunded" : "partially_refunded",
                after,
                order.status().value()));
        holds.unsell(seats); // last: the tiers' stock rows stay locked only until the commit
        return after;
    }

    /** The buyer's order; other people's orders do not exist for them. */
    @Transactional(readOnly = true)
    public Order ofBuyer(UUID buyer, UUID orderId) {
        return orders.find(orderId).filter(o -> o.userId().equals(buyer)).orElseThrow(OrderNotFoundException::new);
    }

    @Transactional(readOnly = true)
    public List<Order> ofBuyer(UUID buyer, int page, int size) {
        return orders.findByUser(buyer, size, page * size);
    }

    @Transactional(readOnly = true)
    public long countOfBuyer(UUID buyer) {
        return orders.countByUser(buyer);
    }

    /** Cancels a pending order: its seats return to sale at once. */
    @Transactional
    public Order cancel(UUID buyer, UUID orderId) {
        Order order =
                orders.lock(orderId).filter(o -> o.userId().equals(buyer)).orElseThrow(OrderNotFoundException::new);
        if (order.status() == OrderStatus.CANCELLED) {
            return order; // a retried cancel: same answer, nothing more to do
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw new OrderStateException(
                    "order_not_cancellable",
                    "Only orders waiting for payment can be cancelled; this one is " + order.status() + ".");
        }
        Order cancelled = end(order, OrderStatus.CANCELLED, "cancelled");
        holds.release(order.reference()); // last: the tier's stock row stays locked only until the commit
        return cancelled;
    }

    /**
     * Expires a pending order whose time to pay ran out, returning its seats. No-op for orders no
     * longer pending (paid or cancelled meanwhile) or being handled by another instance right now.
     */
    @Transactional
    public Optional<Order> expire(UUID orderId) {
        return orders.lockUnlessBusy(orderId)
                .filter(o -> o.status() == OrderStatus.PENDING_PAYMENT)
                .map(order -> {
                    // Expiring the hold announces HoldExpired, whose listener ends the order (below).
                    holds.expire(order.reference());
                    Order now = orders.find(orderId).orElseThrow();
                    return now.status() == OrderStatus.PENDING_PAYMENT
                            ? end(order, OrderStatus.EXPIRED, "expired")
                            : now;
                });
    }

    /** Ends the pending order whose hold expired (by the order's own expiry or the inventory's sweeper). */
    @Transactional
    public void holdExpired(UUID orderId) {
        // Skip an order another transaction holds: that path (payment, expiry, cancel) ends it anyway,
        // and waiting for it would take the order and hold locks in the opposite order.
        orders.lockUnlessBusy(orderId)
                .filter(o -> o.status() == OrderStatus.PENDING_PAYMENT)
                .ifPresent(order -> end(order, OrderStatus.EXPIRED, "expired"));
    }

    /**
     * Sells the held seats of a pending order and marks it paid; the tickets are issued by the
     * {@link OrderPaid} listeners in this same transaction.
     */
    /**
     * The order is paid and its seats sold. The sale comes last, after the listeners (tickets,
     * mails): the tier's stock row, which every buyer of the tier needs, stays locked only until
     * the commit.
     */
    Order markPaid(Order order) {
        Order paid = recordPaid(order);
        holds.sell(order.reference());
        return paid;
    }

    Order recordPaid(Order order) {
        Order paid = orders.markPaid(order, clock.instant());
        events.publishEvent(OrderChanged.moved("paid", paid, order.status().value()));
        events.publishEvent(OrderPaid.of(paid));
        return paid;
    }

    private Order end(Order order, OrderStatus status, String action) {
        Instant now = clock.instant();
        orders.markCancelled(order.id(), status.value(), now);
        Order ended = orders.find(order.id()).orElseThrow();
        events.publishEvent(OrderChanged.moved(action, ended, order.status().value()));
        return ended;
    }

    private Map<UUID, Integer> validate(List<Item> items, Map<UUID, TierForSale> found) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        List<UUID> events = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            TierForSale tier = found.get(item.tierId());
            if (tier == null || tier.hidden() || !tier.eventOnSale()) {
                problems.put("items[" + i + "].tier_id", "no such tier on sale");
                continue;
            }
            if (quantities.putIfAbsent(item.tierId(), item.quantity()) != null) {
                problems.put("items[" + i + "].tier_id", "appears twice; order each tier once");
            }
            String quantity = CartRules.quantityProblem(item.quantity(), tier.minPerOrder(), tier.maxPerOrder());
            if (quantity != null) {
                problems.put("items[" + i + "].quantity", quantity);
            }
            if (!events.contains(tier.eventId())) {
                events.add(tier.eventId());
            }
        }
        if (events.size() > 1) {
            problems.put("items", "all items of an order must be for the same event");
        }
        if (!problems.isEmpty()) {
            throw new InvalidOrderException(problems);
        }
        for (Item item : items) {
            TierForSale tier = found.get(item.tierId());
            if (!tier.salesWindowOpen(now)) {
                throw new NotOnSaleException("Sales for '" + tier.name() + "' are "
                        + (tier.salesStartAt() != null && now.isBefore(tier.salesStartAt())
                                ? "not open yet."
                                : "closed."));
            }
        }
        return quantities;
    }
}

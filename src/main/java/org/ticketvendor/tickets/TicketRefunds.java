package org.ticketvendor.tickets;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderExceptions.OrderNotFoundException;
import org.ticketvendor.orders.OrderStatus;
import org.ticketvendor.orders.Orders;
import org.ticketvendor.payments.PaymentRefunded;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.tickets.persistence.TicketRepository;

/**
 * Refunds decided by the event's promoter or an admin, for a whole order or some of its tickets. In
 * one transaction the tickets stop validating, their seats return to sale and the money is recorded
 * as owed; the orders module's refund job pays it out. Checked-in tickets cannot be refunded.
 */
@Service
public class TicketRefunds {

    private static final Logger log = LoggerFactory.getLogger(TicketRefunds.class);

    private final TicketRepository tickets;
    private final Orders orders;
    private final Catalog catalog;
    private final Accounts accounts;

    TicketRefunds(TicketRepository tickets, Orders orders, Catalog catalog, Accounts accounts) {
        this.tickets = tickets;
        this.orders = orders;
        this.catalog = catalog;
        this.accounts = accounts;
    }

    /** A ticket that cannot be refunded as asked. */
    public static final class TicketNotRefundableException extends ApiException {
        public TicketNotRefundableException(String code, String detail) {
            super(HttpStatus.CONFLICT, code, "Ticket not refundable", detail);
        }
    }

    /** The order after the refund, and the tickets refunded. */
    public record Refunded(Order order, List<UUID> ticketIds) {}

    /**
     * @param ticketIds the tickets to refund, or empty for every valid ticket of the order
     */
    @Transactional
    public Refunded refund(CurrentUser caller, UUID orderId, List<UUID> ticketIds, String reason) {
        Order order = orders.find(orderId).filter(o -> mayRefund(caller, o)).orElseThrow(OrderNotFoundException::new);
        List<Ticket> all = tickets.lockByOrder(order.id());
        List<Ticket> chosen;
        if (ticketIds.isEmpty()) {
            chosen = all.stream().filter(t -> "valid".equals(t.status())).toList();
        } else {
            Set<UUID> wanted = Set.copyOf(ticketIds);
            chosen = all.stream().filter(t -> wanted.contains(t.id())).toList();
            if (chosen.size() != wanted.size()) {
                throw new TicketNotRefundableException(
                        "ticket_not_in_order", "Some tickets do not belong to this order.");
            }
        }
        for (Ticket ticket : chosen) {
            if (!"valid".equals(ticket.status())) {
                throw new TicketNotRefundableException(
                        "ticket_" + ticket.status(),
                        "Ticket " + ticket.ticketNumber() + " is " + ticket.status() + ".");
            }
        }
        if (chosen.isEmpty()) {
            throw new TicketNotRefundableException("nothing_to_refund", "The order has no valid tickets left.");
        }
        Map<UUID, Integer> seats = new LinkedHashMap<>();
        chosen.forEach(t -> seats.merge(t.tierId(), 1, Integer::sum));
        List<UUID> ids = chosen.stream().map(Ticket::id).toList();
        tickets.markRefunded(ids);
        // Checked-in tickets were used: an order with one is never wholly refunded.
        boolean everything = all.stream()
                        .filter(t -> "valid".equals(t.status()) || "checked_in".equals(t.status()))
                        .count()
                == chosen.size();
        return new Refunded(orders.takeBack(order.id(), seats, ids, reason, everything), ids);
    }

    /**
     * Money paid back outside this application (the provider's dashboard). When it covers every
     * ticket still valid, those tickets stop validating and their seats return to sale, in the
     * transaction that records the refund; nothing more is owed. A smaller amount cannot say which
     * tickets it paid for, so the tickets stay valid and the refund is only recorded (and audited).
     */
    @EventListener
    @Transactional
    public void on(PaymentRefunded refunded) {
        if (!refunded.external()) {
            return;
        }
        UUID orderId;
        try {
            orderId = UUID.fromString(refunded.reference());
        } catch (IllegalArgumentException notAnOrder) {
            return;
        }
        Optional<Order> found = orders.find(orderId)
                .filter(o -> o.status() == OrderStatus.PAID || o.status() == OrderStatus.PARTIALLY_REFUNDED);
        if (found.isEmpty()) {
            return;
        }
        Order order = found.get();
        Map<UUID, Long> prices = new HashMap<>();
        order.lines().forEach(l -> prices.put(l.tierId(), l.unitPriceMinor()));
        List<Ticket> all = tickets.lockByOrder(order.id());
        List<Ticket> valid =
                all.stream().filter(t -> "valid".equals(t.status())).toList();
        long validValue = valid.stream()
                .mapToLong(t -> prices.getOrDefault(t.tierId(), 0L))
                .sum();
        if (valid.isEmpty() || refunded.amountMinor() < validValue) {
            log.warn(
                    "Order {}: {} {} refunded at the provider does not cover its {} valid tickets ({}); they stay valid",
                    order.id(),
                    refunded.amountMinor(),
                    refunded.currency(),
                    valid.size(),
                    validValue);
            return;
        }
        Map<UUID, Integer> seats = new LinkedHashMap<>();
        valid.forEach(t -> seats.merge(t.tierId(), 1, Integer::sum));
        List<UUID> ids = valid.stream().map(Ticket::id).toList();
        tickets.markRefunded(ids);
        boolean everything = all.stream().noneMatch(t -> "checked_in".equals(t.status()));
        orders.takeBackRefunded(order.id(), seats, ids, "refunded_at_provider", everything);
    }

    private boolean mayRefund(CurrentUser caller, Order order) {
        if (caller.isAdmin()) {
            return true;
        }
        return "promoter".equals(caller.role())
                && catalog.find(order.eventId())
                        .flatMap(event -> accounts.promoterProfile(new UserId(caller.id()))
                                .map(p -> p.id().value().equals(event.promoterId())))
                        .orElse(false);
    }
}

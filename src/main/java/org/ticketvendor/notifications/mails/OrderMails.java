package org.ticketvendor.notifications.mails;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.identity.Account;
import org.ticketvendor.notifications.InlineQrCode;
import org.ticketvendor.notifications.Mail;
import org.ticketvendor.notifications.MailTemplate;
import org.ticketvendor.notifications.Notifications;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderChanged;
import org.ticketvendor.orders.OrderStatus;
import org.ticketvendor.orders.Orders;
import org.ticketvendor.payments.PaymentFailed;
import org.ticketvendor.tickets.Ticket;
import org.ticketvendor.tickets.Tickets;
import org.ticketvendor.tickets.TicketsIssued;

/**
 * Mails about a buyer's order, enqueued synchronously in the transaction of the change they report:
 * the confirmation with the tickets' QR codes (when tickets are issued, i.e. the order was paid),
 * payment failed, hold expired, cancelled, refunded. Only the values are captured here (the tickets'
 * signed codes among them); the outbox job renders the mail and draws the codes when it sends it. A
 * mail that cannot be built (a template bug, a
 * deleted account) is logged and skipped: it must never undo the payment or refund it reports.
 */
@Component
class OrderMails {

    private static final Logger log = LoggerFactory.getLogger(OrderMails.class);

    private final Notifications notifications;
    private final MailModels models;
    private final Orders orders;
    private final Tickets tickets;

    OrderMails(Notifications notifications, MailModels models, Orders orders, Tickets tickets) {
        this.notifications = notifications;
        this.models = models;
        this.orders = orders;
        this.tickets = tickets;
    }

    @EventListener
    void on(TicketsIssued issued) {
        safely("confirmation of order " + issued.orderId(), () -> orders.find(issued.orderId())
                .ifPresent(this::confirm));
    }

    @EventListener
    void on(OrderChanged changed) {
        Order order = changed.order();
        safely(changed.action() + " mail for order " + order.id(), () -> {
            switch (changed.action()) {
                case "order.expired" -> simple(MailTemplate.HOLD_EXPIRED, order);
                case "order.cancelled" -> simple(MailTemplate.ORDER_CANCELLED, order);
                case "order.refunded", "order.partially_refunded" -> refunded(order, changed.from());
                default -> {}
            }
        });
    }

    @EventListener
    void on(PaymentFailed failed) {
        UUID orderId;
        try {
            orderId = UUID.fromString(failed.reference());
        } catch (IllegalArgumentException notAnOrder) {
            return;
        }
        safely("payment failure mail for order " + orderId, () -> orders.find(orderId)
                .filter(o -> o.status() == OrderStatus.PENDING_PAYMENT)
                .ifPresent(order -> context(order).ifPresent(c -> {
                    Map<String, Object> model = c.model();
                    model.put("reason", failed.reason());
                    model.put("reasonText", reasonText(failed.reason()));
                    model.put(
                            "payBy",
                            MailModels.when(
                                    order.expiresAt(), c.event().details().timezone()));
                    notifications.enqueue(new Mail(
                            MailTemplate.PAYMENT_FAILED,
                            c.recipient(),
                            model,
                            "payment-failed:" + failed.reference() + ":" + failed.reason(),
                            order.id().toString()));
                })));
    }

    private void confirm(Order order) {
        context(order).ifPresent(c -> {
            Map<UUID, String> tierNames = order.lines().stream()
                    .collect(Collectors.toMap(Order.Line::tierId, Order.Line::tierName, (a, b) -> a));
            List<InlineQrCode> qrCodes = new ArrayList<>();
            List<Map<String, Object>> ticketModels = new ArrayList<>();
            for (Ticket ticket : ticketsOf(order)) {
                String cid = "qr-" + ticket.ticketNumber().toLowerCase(Locale.ROOT);
                String code = tickets.code(ticket);
                qrCodes.add(new InlineQrCode(cid, code));
                ticketModels.add(Map.of(
                        "number",
                        ticket.ticketNumber(),
                        "tier",
                        tierNames.getOrDefault(ticket.tierId(), ""),
                        "cid",
                        cid,
                        "code",
                        code));
            }
            Map<String, Object> model = c.model();
            model.put("ticketList", ticketModels);
            notifications.enqueue(new Mail(
                    MailTemplate.ORDER_CONFIRMATION,
                    c.recipient(),
                    model,
                    "order-confirmation:" + order.id(),
                    order.id().toString(),
                    qrCodes));
        });
    }

    private void simple(MailTemplate template, Order order) {
        context(order)
                .ifPresent(c -> notifications.enqueue(new Mail(
                        template,
                        c.recipient(),
                        c.model(),
                        template.id() + ":" + order.id(),
                        order.id().toString())));
    }

    private void refunded(Order order, String from) {
        context(order).ifPresent(c -> {
            List<Ticket> refunded = ticketsOf(order).stream()
                    .filter(t -> "refunded".equals(t.status()))
                    .toList();
            Map<String, Object> model = c.model();
            String key;
            if (refunded.isEmpty()) {
                // No tickets were ever issued: a payment that arrived after the order had ended.
                model.put("late", true);
                model.put("amount", MailModels.money(order.totalMinor(), order.currency()));
                model.put("ticketNumbers", List.of());
                key = "order-refunded:" + order.id() + ":late";
            } else {
                Map<UUID, Long> prices = order.lines().stream()
                        .collect(Collectors.toMap(Order.Line::tierId, Order.Line::unitPriceMinor, (a, b) -> a));
                long amount = refunded.stream()
                        .mapToLong(t -> prices.getOrDefault(t.tierId(), 0L))
                        .sum();
                model.put("late", false);
                model.put("amount", MailModels.money(amount, order.currency()));
                model.put(
                        "ticketNumbers",
                        refunded.stream().map(Ticket::ticketNumber).sorted().toList());
                key = "order-refunded:" + order.id() + ":" + refunded.size();
            }
            model.put("partial", order.status() == OrderStatus.PARTIALLY_REFUNDED);
            model.put("from", from);
            notifications.enqueue(new Mail(
                    MailTemplate.ORDER_REFUNDED,
                    c.recipient(),
                    model,
                    key,
                    order.id().toString()));
        });
    }

    /** The recipient, event and the model every order mail starts from. */
    private Optional<Context> context(Order order) {
        Optional<Account> buyer = models.account(order.userId());
        Optional<Event> event = models.event(order.eventId());
        if (buyer.isEmpty() || event.isEmpty()) {
            log.warn("No mail for order {}: its buyer or event is gone", order.id());
            return Optional.empty();
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", buyer.get().fullName());
        model.put("event", MailModels.event(event.get()));
        model.put("order", MailModels.order(order));
        return Optional.of(new Context(buyer.get().email(), event.get(), model));
    }

    private record Context(String recipient, Event event, Map<String, Object> model) {}

    /** The order's tickets, ordered by tier then number. */
    private List<Ticket> ticketsOf(Order order) {
        List<Ticket> found = new ArrayList<>(tickets.ofOrder(order.id()));
        Map<UUID, Integer> lineOrder = new LinkedHashMap<>();
        order.lines().forEach(l -> lineOrder.putIfAbsent(l.tierId(), lineOrder.size()));
        found.sort(Comparator.comparing((Ticket t) -> lineOrder.getOrDefault(t.tierId(), 0))
                .thenComparing(Ticket::ticketNumber));
        return found;
    }

    private static String reasonText(String reason) {
        Map<String, String> known = Map.of(
                "card_declined", "Your card was declined.",
                "insufficient_funds", "Your card has insufficient funds.",
                "expired_card", "Your card has expired.",
                "incorrect_cvc", "The card's security code was incorrect.",
                "processing_error", "The card could not be processed.");
        return known.getOrDefault(reason, "The payment did not go through.");
    }

    /** Runs the mail's work; a failure other than the database's is logged, never thrown. */
    static void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (DataAccessException e) {
            throw e; // The transaction is broken anyway: let it fail as it would have.
        } catch (RuntimeException e) {
            log.error("Could not enqueue the {}; the change itself goes ahead", what, e);
        }
    }
}

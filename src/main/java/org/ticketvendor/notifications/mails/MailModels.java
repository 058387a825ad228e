package org.ticketvendor.notifications.mails;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.TierForSale;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.catalog.Venue;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.orders.Order;

/**
 * What templates see: plain maps of display-ready strings (times in the event's time zone, money in
 * major units with its currency), built from the other modules' APIs.
 */
@Component
public class MailModels {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final Accounts accounts;
    private final Catalog catalog;
    private final Tiers tiers;

    MailModels(Accounts accounts, Catalog catalog, Tiers tiers) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.tiers = tiers;
    }

    public Optional<Account> account(UUID userId) {
        return accounts.find(new UserId(userId));
    }

    public Optional<String> emailOf(UUID userId) {
        return account(userId).map(Account::email);
    }

    public Optional<Event> event(UUID eventId) {
        return catalog.find(eventId);
    }

    public Optional<TierForSale> tier(UUID tierId) {
        return Optional.ofNullable(tiers.forSale(List.of(tierId)).get(tierId));
    }

    /** The event as templates show it. */
    public static Map<String, Object> event(Event event) {
        Venue venue = event.details().venue();
        String zone = event.details().timezone();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", event.id().toString());
        model.put("title", event.details().title());
        model.put("venue", venue == null ? null : venue.name());
        model.put("address", venue == null ? null : venue.address());
        model.put("city", venue == null ? null : venue.city());
        model.put("country", venue == null ? null : venue.country());
        model.put("starts", when(event.details().startsAt(), zone));
        model.put(
                "ends",
                event.details().endsAt() == null ? null : when(event.details().endsAt(), zone));
        model.put("timezone", zone(zone).getId());
        model.put("startsAt", event.details().startsAt().toString());
        return model;
    }

    /** The order's number, total and lines as templates show them. */
    public static Map<String, Object> order(Order order) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", order.id().toString());
        model.put("number", order.orderNumber());
        model.put("total", money(order.totalMinor(), order.currency()));
        model.put(
                "lines",
                order.lines().stream()
                        .map(l -> Map.of(
                                "tier", l.tierName(),
                                "quantity", l.quantity(),
                                "unitPrice", money(l.unitPriceMinor(), order.currency()),
                                "total", money(l.totalMinor(), order.currency())))
                        .toList());
        model.put(
                "tickets", order.lines().stream().mapToInt(Order.Line::quantity).sum());
        return model;
    }

    /** E.g. {@code EUR 25.00}; minor units as the currency has them. */
    public static String money(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            digits = 2;
        }
        return currency + " " + BigDecimal.valueOf(minor, digits).toPlainString();
    }

    /** E.g. {@code Saturday 1 June 2030, 21:00 (Europe/Lisbon)}. */
    public static String when(Instant at, String zone) {
        ZoneId id = zone(zone);
        return WHEN.format(at.atZone(id)) + " (" + id.getId() + ")";
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}

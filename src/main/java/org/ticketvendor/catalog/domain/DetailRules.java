package org.ticketvendor.catalog.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need more than one field or a reference list: times in order, real currency,
 * country and time-zone codes. Each returns field → problem, empty when all is well.
 */
public final class DetailRules {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private DetailRules() {}

    public static Map<String, String> event(
            Instant startsAt, Instant endsAt, String currency, String timezone, String country) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            problems.put("ends_at", "must be after starts_at");
        }
        if (currency != null && !isCurrency(currency)) {
            problems.put("currency", "must be an ISO 4217 currency code such as EUR");
        }
        if (timezone != null && !isZone(timezone)) {
            problems.put("timezone", "must be an IANA time zone such as Europe/Paris");
        }
        if (country != null && !COUNTRIES.contains(country)) {
            problems.put("venue.country", "must be an ISO 3166 alpha-2 country code such as FR");
        }
        return problems;
    }

    public static Map<String, String> tier(SalesWindow window, int minPerOrder, int maxPerOrder) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!window.isValid()) {
            problems.put("sales_end_at", "must be after sales_start_at");
        }
        if (maxPerOrder < minPerOrder) {
            problems.put("max_per_order", "must not be less than min_per_order");
        }
        return problems;
    }

    private static boolean isCurrency(String code) {
        try {
            return code.equals(Currency.getInstance(code).getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}

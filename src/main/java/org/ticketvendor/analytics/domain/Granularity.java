package org.ticketvendor.analytics.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The width of a sell-through bucket: an hour, or a day, in the event's time zone. */
public enum Granularity {
    HOUR,
    DAY;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Granularity> parse(String value) {
        for (Granularity g : values()) {
            if (g.value().equals(value)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The start of the bucket that contains {@code t}: the hour or the local midnight. */
    public Instant floor(Instant t, ZoneId zone) {
        return this == HOUR
                ? t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant()
                : t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The start of the bucket after the one starting at {@code start} (days follow DST: 23 to 25 hours). */
    public Instant next(Instant start, ZoneId zone) {
        return this == HOUR
                ? start.plus(1, ChronoUnit.HOURS)
                : start.atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant();
    }
}

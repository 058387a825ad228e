package org.ticketvendor.catalog.domain;

import java.util.Locale;

/**
 * An event's lifecycle. Draft events are the promoter's alone; published events are public and on
 * sale; cancelled and completed events are final and cannot be edited.
 */
public enum EventStatus {
    DRAFT,
    PUBLISHED,
    CANCELLED,
    COMPLETED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == CANCELLED || this == COMPLETED;
    }

    /** Whether the transition is allowed; the reason it is not, otherwise. */
    public String refusal(EventStatus target) {
        return switch (target) {
            case PUBLISHED -> this == DRAFT ? null : "Only draft events can be published; this one is " + value() + ".";
            case DRAFT ->
                this == PUBLISHED ? null : "Only published events can be unpublished; this one is " + value() + ".";
            case CANCELLED -> isFinal() ? "The event is already " + value() + "." : null;
            case COMPLETED ->
                this == PUBLISHED ? null : "Only published events can be completed; this one is " + value() + ".";
        };
    }

    @Override
    public String toString() {
        return value();
    }
}

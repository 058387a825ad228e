package org.ticketvendor.identity;

import java.util.UUID;

/** Identifies a promoter profile (which belongs to exactly one user). */
public record PromoterId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}

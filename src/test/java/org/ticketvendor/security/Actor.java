package org.ticketvendor.security;

/**
 * The callers of the access matrix: every role, and for each kind of object its owner and someone
 * else with the same role. The shared objects of {@link MatrixWorld} belong to {@link #BUYER} (orders,
 * tickets, waitlist entries) and {@link #PROMOTER} (events, tiers, staff lists); {@link #STAFF} is
 * door staff of the promoter's event, {@link #OTHER_STAFF} has the staff role but is assigned to no
 * event of it. {@link #ADMIN} has no promoter profile of its own.
 */
enum Actor {
    ANONYMOUS,
    BUYER,
    OTHER_BUYER,
    PROMOTER,
    OTHER_PROMOTER,
    STAFF,
    OTHER_STAFF,
    ADMIN
}

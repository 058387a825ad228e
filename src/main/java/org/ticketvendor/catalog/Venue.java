package org.ticketvendor.catalog;

/** Where an event takes place. {@code country} is an ISO 3166 alpha-2 code or null. */
public record Venue(String name, String address, String city, String country) {}

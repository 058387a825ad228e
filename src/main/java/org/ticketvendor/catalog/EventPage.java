package org.ticketvendor.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One page of a public search, with the cheapest visible tier price of each event and the total count. */
public record EventPage(List<Event> events, Map<UUID, Long> minPrices, long total) {}

/**
 * Inventory: stock per ticket tier (capacity, sold, held), and later holds and their expiry. Keeps
 * stock keyed by the tier id the catalog hands it and knows nothing else about tiers or events: the
 * catalog calls {@link org.ticketvendor.inventory.Inventory} (and later orders do, for holds), never
 * the reverse. Every change to the counters is one conditional statement, so concurrent callers
 * cannot oversell. Depends on no business module, only the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package org.ticketvendor.inventory;

/**
 * Catalog: events and their ticket tiers. Promoters create, edit, publish, unpublish, cancel and
 * soft-delete their events and define tiers; anyone browses and searches published events; admins
 * suspend and reinstate events (a suspended event is neither public nor on sale).
 * Depends on identity (which promoter profile a caller has) and inventory (stock per tier: the
 * catalog creates, resizes and removes it and reads availability; inventory knows nothing of
 * events). Publishes audited events for every change.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.ticketvendor.catalog;

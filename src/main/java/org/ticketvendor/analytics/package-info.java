/**
 * Analytics: promoter reports (sales, revenue, refunds, check-ins, waitlist, sell-through over time,
 * conversion of holds into paid orders) and CSV exports of an event's orders and attendees. Reads
 * other modules' data only through SQL views it owns (ADR 6): plain views for live stock and waitlist
 * counters, materialized views refreshed concurrently by a job for everything that counts orders and
 * tickets, so it adds nothing to the purchase path. Depends on catalog (who owns an event, its time
 * zone) and identity (the caller's promoter profile), and listens to orders' and tickets' events only
 * to know that there is something to refresh. Publishes audited {@link
 * org.ticketvendor.analytics.ExportStarted} events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package org.ticketvendor.analytics;

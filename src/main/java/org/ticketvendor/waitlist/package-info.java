/**
 * Waitlist: buyers queue for a sold-out tier; seats that come free go to them first, in order, as
 * time-limited offers (a hold in their name) that they claim by turning them into an order with the
 * usual payment flow. Depends on catalog (tiers on sale), inventory (the queue count and offer
 * holds) and orders (claims). Publishes audited {@link org.ticketvendor.waitlist.WaitlistChanged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Waitlist")
package org.ticketvendor.waitlist;

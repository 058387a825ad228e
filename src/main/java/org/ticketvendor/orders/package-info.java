/**
 * Orders: a buyer's purchase of tickets for one event, from hold to payment to refund, with
 * idempotency keys for every request that creates money or inventory state. Depends on catalog
 * (prices, limits, sales windows), inventory (holds) and, as the purchase flow grows, payments and
 * tickets. Publishes audited {@link org.ticketvendor.orders.OrderChanged} events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders")
package org.ticketvendor.orders;

/**
 * Tickets: issued one per seat when an order is paid (listening to {@link
 * org.ticketvendor.orders.OrderPaid} in the payment's transaction), their signed QR codes, check-in
 * at the door, and refunds decided ticket by ticket (served at {@code /orders/{id}/refund}, because
 * a refund is a choice of tickets). A QR code carries only ids and a serial, signed with a key
 * derived per event, so a scanner holding the event's public key verifies it offline and a leaked
 * event key exposes no other event. Depends on orders (paid orders, taking seats back), catalog
 * (which promoter owns an event) and identity (the caller's promoter profile).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tickets")
package org.ticketvendor.tickets;

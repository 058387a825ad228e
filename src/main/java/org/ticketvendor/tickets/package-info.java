/**
 * Tickets: the tickets issued for paid orders, their signed QR codes and check-in at the door. A QR
 * code carries only ids and a serial, signed with a key derived per event, so a scanner holding the
 * event's public key verifies it offline and a leaked event key exposes no other event. Depends on
 * the platform (data directory for the generated signing secret); orders and catalog follow when
 * issuance and check-in are wired.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tickets")
package org.ticketvendor.tickets;

package org.ticketvendor.tickets.qr;

import java.util.UUID;

/**
 * A ticket code whose signature checked out. It proves the code was issued by us for this ticket,
 * event and serial; whether the ticket is still valid (not refunded, not reissued, not yet checked
 * in) is for check-in to decide against the database.
 *
 * @param ticketId the ticket
 * @param eventId the event whose key signed the code
 * @param serial the issue of the ticket the code was made for
 */
public record VerifiedTicketCode(UUID ticketId, UUID eventId, long serial) {}

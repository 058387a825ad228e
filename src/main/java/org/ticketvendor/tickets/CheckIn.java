package org.ticketvendor.tickets;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventStaff;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.platform.Auditable;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException;
import org.ticketvendor.tickets.persistence.TicketRepository;
import org.ticketvendor.tickets.qr.TicketSigner;
import org.ticketvendor.tickets.qr.VerifiedTicketCode;

/**
 * Door check-in: a scanned code is verified (signature, event, current serial), and the ticket is
 * admitted exactly once, whatever the number of simultaneous scans. A scan retried with the same
 * nonce is answered as it was the first time.
 */
@Service
public class CheckIn {

    private final TicketRepository tickets;
    private final TicketSigner signer;
    private final Catalog catalog;
    private final Accounts accounts;
    private final EventStaff staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CheckIn(
            TicketRepository tickets,
            TicketSigner signer,
            Catalog catalog,
            Accounts accounts,
            EventStaff staff,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tickets = tickets;
        this.signer = signer;
        this.catalog = catalog;
        this.accounts = accounts;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /** A refused scan, with the reason a door person can act on. */
    public static final class CheckInRefusedException extends ApiException {
        public CheckInRefusedException(HttpStatus status, String code, String detail) {
            super(status, code, "Not admitted", detail);
        }
    }

    /** A ticket was admitted at the door. */
    public record TicketCheckedIn(UUID ticketId, UUID eventId, UUID by) implements Auditable {
        @Override
        public String action() {
            return "ticket.checked_in";
        }

        @Override
        public String entityType() {
            return "ticket";
        }

        @Override
        public String entityId() {
            return ticketId.toString();
        }

        @Override
        public Map<String, Object> after() {
            return Map.of("event_id", eventId.toString(), "status", "checked_in");
        }
    }

    /**
     * Admits the ticket the code stands for.
     *
     * @param expectedEvent the event the scanner is set up for, or null
     * @param nonce the scanner's id for this scan; a retry with it is answered "admitted" again
     */
    @Transactional
    public Ticket admit(CurrentUser scanner, String code, UUID expectedEvent, String nonce) {
        VerifiedTicketCode verified;
        try {
            verified = signer.verify(code == null ? null : code.strip());
        } catch (InvalidTicketCodeException e) {
            throw new CheckInRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_code",
                    "Not a valid ticket code (" + e.reason().code() + ").");
        }
        if (expectedEvent != null && !expectedEvent.equals(verified.eventId())) {
            throw new CheckInRefusedException(HttpStatus.CONFLICT, "wrong_event", "This ticket is for another event.");
        }
        requireDoorAccess(scanner, verified.eventId());
        Ticket ticket = tickets.find(verified.ticketId())
                .filter(t -> t.eventId().equals(verified.eventId()))
                .orElseThrow(
                        () -> new CheckInRefusedException(HttpStatus.NOT_FOUND, "unknown_ticket", "No such ticket."));
        if (ticket.codeSerial() != verified.serial()) {
            throw new CheckInRefusedException(
                    HttpStatus.CONFLICT, "code_replaced", "This code was replaced by a newer one for the same ticket.");
        }
        Optional<Ticket> admitted = tickets.admit(ticket.id(), scanner.id(), nonce, clock.instant());
        if (admitted.isPresent()) {
            events.publishEvent(new TicketCheckedIn(ticket.id(), ticket.eventId(), scanner.id()));
            return admitted.get();
        }
        Ticket current = tickets.find(ticket.id()).orElseThrow();
        return switch (current.status()) {
            case "checked_in" -> {
                if (nonce != null
                        && nonce.equals(tickets.checkinNonce(ticket.id()).orElse(null))) {
                    yield current; // The same scan again: its first answer was lost on the way.
                }
                throw new CheckInRefusedException(
                                HttpStatus.CONFLICT,
                                "already_checked_in",
                                "This ticket was already checked in at " + current.checkedInAt() + ".")
                        .with("checked_in_at", current.checkedInAt().toString());
            }
            case "refunded" ->
                throw new CheckInRefusedException(
                        HttpStatus.CONFLICT, "ticket_refunded", "This ticket was refunded and is no longer valid.");
            default ->
                throw new CheckInRefusedException(
                        HttpStatus.CONFLICT, "ticket_cancelled", "This ticket was cancelled and is no longer valid.");
        };
    }

    /** Admins scan for any event; a promoter for their own events, door staff for those assigned. */
    private void requireDoorAccess(CurrentUser scanner, UUID eventId) {
        if (scanner.isAdmin()) {
            return;
        }
        Optional<Event> event = catalog.find(eventId);
        boolean owner = event.isPresent()
                && switch (scanner.role()) {
                    case "promoter" ->
                        accounts.promoterProfile(new UserId(scanner.id()))
                                .map(p -> p.id().value().equals(event.get().promoterId()))
                                .orElse(false);
                    case "staff" -> staff.isAssigned(eventId, scanner.id());
                    default -> false;
                };
        if (!owner) {
            throw new CheckInRefusedException(
                    HttpStatus.FORBIDDEN, "not_your_event", "You cannot check in tickets for this event.");
        }
    }
}

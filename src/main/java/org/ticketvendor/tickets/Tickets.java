package org.ticketvendor.tickets;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.orders.OrderPaid;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.tickets.persistence.TicketRepository;
import org.ticketvendor.tickets.qr.QrCodes;
import org.ticketvendor.tickets.qr.TicketSigner;

/**
 * Tickets: issued one per seat when an order is paid (in the payment's transaction, and only once
 * per order), shown to their holder with a signed QR code.
 */
@Service
public class Tickets {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TicketRepository tickets;
    private final TicketSigner signer;
    private final QrCodes qrCodes;
    private final ApplicationEventPublisher events;

    Tickets(TicketRepository tickets, TicketSigner signer, QrCodes qrCodes, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.signer = signer;
        this.qrCodes = qrCodes;
        this.events = events;
    }

    /** No such ticket among the caller's. */
    public static final class TicketNotFoundException extends ApiException {
        public TicketNotFoundException() {
            super(HttpStatus.NOT_FOUND, "ticket_not_found", "Ticket not found", "No such ticket.");
        }
    }

    @EventListener
    @Transactional
    public void on(OrderPaid paid) {
        if (tickets.existForOrder(paid.orderId())) {
            return; // A replayed payment confirmation: the tickets exist already.
        }
        int count = 0;
        for (OrderPaid.PaidLine line : paid.lines()) {
            for (int i = 0; i < line.quantity(); i++) {
                tickets.insert(number(), paid.orderId(), line.itemId(), paid.eventId(), line.tierId(), paid.buyerId());
                count++;
            }
        }
        events.publishEvent(new TicketsIssued(paid.orderId(), paid.buyerId(), count));
    }

    @Transactional(readOnly = true)
    public List<Ticket> ofHolder(UUID holder, int page, int size) {
        return tickets.findByHolder(holder, size, page * size);
    }

    @Transactional(readOnly = true)
    public long countOfHolder(UUID holder) {
        return tickets.countByHolder(holder);
    }

    /** An order's tickets, by ticket number, for modules that check access themselves. */
    @Transactional(readOnly = true)
    public List<Ticket> ofOrder(UUID orderId) {
        return tickets.findByOrder(orderId);
    }

    /** The holder's ticket; other people's tickets do not exist for them. */
    @Transactional(readOnly = true)
    public Ticket ofHolder(UUID holder, UUID ticketId) {
        return tickets.find(ticketId)
                .filter(t -> t.holderId().equals(holder))
                .orElseThrow(TicketNotFoundException::new);
    }

    /** The signed code to show at the door. */
    public String code(Ticket ticket) {
        return signer.issue(ticket.id(), ticket.eventId(), ticket.codeSerial());
    }

    /** The code as a QR image. */
    public byte[] qrPng(Ticket ticket) {
        return qrPng(code(ticket));
    }

    /**
     * A code (as {@link #code} gave it, possibly earlier) as a QR image: lets a caller that kept the
     * code draw it later, outside the transaction that read the ticket.
     *
     * @throws IllegalArgumentException when the code is empty, too long or not printable ASCII
     */
    public byte[] qrPng(String code) {
        return qrCodes.png(code);
    }

    /** The public key that verifies the event's codes offline, as PEM. */
    public String eventKeyPem(UUID eventId) {
        return signer.publicKeyPem(eventId);
    }

    private static String number() {
        StringBuilder number = new StringBuilder("TK-");
        for (int i = 0; i < 10; i++) {
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}

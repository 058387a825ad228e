package org.ticketvendor.tickets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.tickets.CheckIn;
import org.ticketvendor.tickets.Ticket;

@RestController
@Tag(name = "check-in", description = "Admitting tickets at the door")
class CheckInController {

    private final CheckIn checkIn;

    CheckInController(CheckIn checkIn) {
        this.checkIn = checkIn;
    }

    record CheckInRequest(
            @NotBlank @Size(max = 300) String code,
            UUID eventId,
            @Size(min = 1, max = 100) String nonce) {}

    record CheckInResponse(
            String result, UUID ticketId, String ticketNumber, UUID eventId, UUID tierId, Instant checkedInAt) {}

    @PostMapping(path = "/api/v1/checkin", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAnyRole('staff', 'promoter', 'admin')")
    @Operation(
            summary = "Verify a scanned code and admit its ticket, exactly once. Refusals are problems "
                    + "with codes invalid_code, wrong_event, unknown_ticket, code_replaced, already_checked_in "
                    + "(with checked_in_at), ticket_refunded, ticket_cancelled, not_your_event")
    CheckInResponse admit(CurrentUser caller, @Valid @RequestBody CheckInRequest body) {
        Ticket ticket = checkIn.admit(caller, body.code(), body.eventId(), body.nonce());
        return new CheckInResponse(
                "admitted",
                ticket.id(),
                ticket.ticketNumber(),
                ticket.eventId(),
                ticket.tierId(),
                ticket.checkedInAt());
    }
}

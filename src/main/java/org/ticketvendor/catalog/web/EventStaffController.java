package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.EventStaff;
import org.ticketvendor.catalog.EventStaff.Member;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/promoter/events/{eventId}/staff", produces = "application/json")
@PreAuthorize("hasAnyRole('promoter', 'admin')")
@Tag(name = "events")
class EventStaffController {

    private final EventStaff staff;
    private final Editors editors;

    EventStaffController(EventStaff staff, Editors editors) {
        this.staff = staff;
        this.editors = editors;
    }

    record AssignStaffRequest(@NotBlank @Size(max = 254) String email) {}

    @GetMapping
    @Operation(summary = "Door staff of the event: who may check its tickets in")
    List<Member> list(CurrentUser caller, @PathVariable UUID eventId) {
        return staff.of(editors.of(caller), eventId);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Assign an account with the staff role as door staff of the event")
    Member assign(CurrentUser caller, @PathVariable UUID eventId, @Valid @RequestBody AssignStaffRequest body) {
        return staff.assign(editors.of(caller), caller.id(), eventId, body.email());
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a staff member from the event")
    void remove(CurrentUser caller, @PathVariable UUID eventId, @PathVariable UUID userId) {
        staff.remove(editors.of(caller), eventId, userId);
    }
}

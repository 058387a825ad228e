package org.ticketvendor.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.audit.AuditCursor;
import org.ticketvendor.audit.AuditEntry;
import org.ticketvendor.audit.AuditLog;
import org.ticketvendor.audit.AuditLog.AuditPage;
import org.ticketvendor.audit.AuditQuery;
import org.ticketvendor.platform.ApiException;

@RestController
@RequestMapping(path = "/api/v1/admin/audit", produces = "application/json")
@PreAuthorize("hasRole('admin')")
@Tag(name = "admin")
class AdminAuditController {

    private final AuditLog auditLog;

    AdminAuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** A filter or cursor the log cannot be read with. */
    static final class InvalidAuditQueryException extends ApiException {
        InvalidAuditQueryException(String field, String message) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", "'" + field + "' " + message + ".");
            with("errors", List.of(Map.of("field", field, "message", message)));
        }
    }

    /**
     * A page of entries ({@code before}/{@code after} summarise each change, never secrets); {@code
     * next_cursor} reads the next (older) page, null on the last one.
     */
    record AuditPageResponse(List<AuditEntry> items, int size, String nextCursor) {}

    @GetMapping
    @Operation(
            summary = "The audit log, newest first, with keyset pagination",
            description = "Filters combine with AND. Pass the response's next_cursor as cursor (with the same"
                    + " filters) for the next, older page; it is null on the last page. Pages do not shift when"
                    + " entries are written meanwhile.")
    AuditPageResponse list(
            @Parameter(description = "id of the user who acted") @RequestParam(required = false) UUID actor,
            @Parameter(description = "e.g. user, event, order")
                    @RequestParam(name = "entity_type", required = false)
                    @Size(min = 1, max = 100)
                    String entityType,
            @Parameter(description = "the entity's id")
                    @RequestParam(name = "entity_id", required = false)
                    @Size(min = 1, max = 200)
                    String entityId,
            @Parameter(description = "exact action, e.g. user.suspended")
                    @RequestParam(required = false)
                    @Pattern(regexp = "[a-z_]+(\\.[a-z_]+)+", message = "must look like user.suspended")
                    String action,
            @Parameter(description = "entries at or after this time (ISO-8601)") @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "entries before this time (ISO-8601)") @RequestParam(required = false) Instant to,
            @Parameter(description = "next_cursor of the previous page")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidAuditQueryException("to", "must be after from");
        }
        AuditCursor after = cursor == null
                ? null
                : AuditCursor.decode(cursor)
                        .orElseThrow(
                                () -> new InvalidAuditQueryException("cursor", "is not a cursor this API gave out"));
        AuditPage page = auditLog.search(new AuditQuery(actor, entityType, entityId, action, from, to, after), size);
        return new AuditPageResponse(
                page.entries(), size, page.next() == null ? null : page.next().encode());
    }
}

package org.ticketvendor.analytics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.analytics.AnalyticsExports;
import org.ticketvendor.analytics.AnalyticsExports.Kind;
import org.ticketvendor.platform.CurrentUser;

/** CSV downloads, streamed straight into the response. */
@RestController
@RequestMapping(path = "/api/v1/promoter/events/{eventId}", produces = ExportController.CSV)
@PreAuthorize("hasAnyRole('promoter', 'admin')")
@Tag(name = "analytics")
class ExportController {

    static final String CSV = "text/csv";

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final AnalyticsExports exports;
    private final Viewers viewers;

    ExportController(AnalyticsExports exports, Viewers viewers) {
        this.exports = exports;
        this.viewers = viewers;
    }

    @GetMapping("/orders.csv")
    @Operation(
            summary = "Download the event's orders as CSV (RFC 4180, UTF-8), every status, oldest first",
            description = "Columns: order_number, status, placed_at, paid_at, cancelled_at, refunded_at, buyer_name,"
                    + " buyer_email, tickets, subtotal_minor, fees_minor, total_minor, refunded_minor, currency."
                    + " Audited.")
    @ApiResponse(
            responseCode = "200",
            description = "The file, as an attachment",
            content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
    void orders(CurrentUser caller, @PathVariable UUID eventId, HttpServletResponse response) {
        export(caller, eventId, Kind.ORDERS, response);
    }

    @GetMapping("/attendees.csv")
    @Operation(
            summary = "Download the event's tickets and their holders as CSV (RFC 4180, UTF-8), in issue order",
            description = "Columns: ticket_number, status, tier, holder_name, holder_email, order_number, issued_at,"
                    + " checked_in_at. Audited.")
    @ApiResponse(
            responseCode = "200",
            description = "The file, as an attachment",
            content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
    void attendees(CurrentUser caller, @PathVariable UUID eventId, HttpServletResponse response) {
        export(caller, eventId, Kind.ATTENDEES, response);
    }

    private void export(CurrentUser caller, UUID eventId, Kind kind, HttpServletResponse response) {
        try {
            long rows = exports.export(viewers.of(caller), eventId, kind, () -> open(response, kind, eventId));
            log.info("Exported {} {} rows of event {}", rows, kind.file(), eventId);
        } catch (UncheckedIOException e) {
            if (!response.isCommitted()) {
                throw e;
            }
            // The client went away mid-download: nothing left to answer.
            log.info("Export of {} for event {} ended early: {}", kind.file(), eventId, e.getMessage());
        }
    }

    private static Writer open(HttpServletResponse response, Kind kind, UUID eventId) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(kind.file() + "-" + eventId + ".csv")
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            return new BufferedWriter(
                    new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

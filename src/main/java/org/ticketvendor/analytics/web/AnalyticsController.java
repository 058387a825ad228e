package org.ticketvendor.analytics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.analytics.Analytics;
import org.ticketvendor.analytics.SeriesQuery;
import org.ticketvendor.analytics.domain.Granularity;
import org.ticketvendor.analytics.web.AnalyticsResponses.EventAnalyticsResponse;
import org.ticketvendor.analytics.web.AnalyticsResponses.PromoterAnalyticsResponse;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/promoter", produces = "application/json")
@PreAuthorize("hasAnyRole('promoter', 'admin')")
@Tag(name = "analytics")
class AnalyticsController {

    private final Analytics analytics;
    private final Viewers viewers;

    AnalyticsController(Analytics analytics, Viewers viewers) {
        this.analytics = analytics;
        this.viewers = viewers;
    }

    @GetMapping("/events/{eventId}/analytics")
    @Operation(
            summary = "An event's sales, revenue, refunds, check-ins, waitlist, conversion and sell-through, per tier"
                    + " and in total",
            description = "For the event's promoter or an admin (others get 404). Stock and waitlist counters are"
                    + " live; tickets, money and holds are as of sales_as_of (refreshed every minute by default).")
    ResponseEntity<EventAnalyticsResponse> event(
            CurrentUser caller,
            @PathVariable UUID eventId,
            @Parameter(description = "Sell-through bucket: hour or day (days in the event's time zone)")
                    @RequestParam(defaultValue = "day")
                    @Pattern(regexp = "hour|day", message = "must be hour or day")
                    String granularity,
            @Parameter(description = "Start of the sell-through range (ISO-8601); default: the first sale")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "End of the sell-through range (ISO-8601, exclusive); default: the last sale")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = "Sell-through of one tier only") @RequestParam(name = "tier_id", required = false)
                    UUID tierId) {
        SeriesQuery query = new SeriesQuery(Granularity.parse(granularity).orElseThrow(), from, to, tierId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(EventAnalyticsResponse.of(analytics.eventReport(viewers.of(caller), eventId, query)));
    }

    @GetMapping("/analytics")
    @Operation(
            summary = "Totals per currency across all of a promoter's events, and a page of events with their figures",
            description = "A promoter sees their own; an admin names the promoter with promoter_id.")
    ResponseEntity<PromoterAnalyticsResponse> promoter(
            CurrentUser caller,
            @Parameter(description = "Admins: whose events (a promoter profile id)")
                    @RequestParam(name = "promoter_id", required = false)
                    UUID promoterId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        UUID whose = viewers.promoter(caller, promoterId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(PromoterAnalyticsResponse.of(analytics.promoterReport(whose, page, size)));
    }
}

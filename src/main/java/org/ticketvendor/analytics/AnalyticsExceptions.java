package org.ticketvendor.analytics;

import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** Errors of the analytics API. */
public final class AnalyticsExceptions {

    private AnalyticsExceptions() {}

    /** A sell-through range that is empty, reversed or outside the years reports cover. */
    public static final class InvalidRangeException extends ApiException {
        public InvalidRangeException(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid_range", "Invalid time range", detail);
        }
    }

    /** A sell-through range with more buckets than one report returns. */
    public static final class RangeTooLargeException extends ApiException {
        public RangeTooLargeException(int maxBuckets) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "range_too_large",
                    "Time range too large",
                    "At most " + maxBuckets + " buckets per report: narrow from/to or use granularity=day.");
            with("max_buckets", maxBuckets);
        }
    }

    /** The tier asked for is not one of the event's. */
    public static final class TierNotFoundException extends ApiException {
        public TierNotFoundException() {
            super(HttpStatus.NOT_FOUND, "tier_not_found", "Not found", "The event has no such tier.");
        }
    }

    /** The promoter asked for is not the caller (only admins look at other promoters). */
    public static final class PromoterNotFoundException extends ApiException {
        public PromoterNotFoundException() {
            super(HttpStatus.NOT_FOUND, "promoter_not_found", "Not found", "No such promoter.");
        }
    }

    /** As many exports are streaming as the instance allows; try again in a moment. */
    public static final class ExportsBusyException extends ApiException {
        public ExportsBusyException() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "exports_busy",
                    "Exports busy",
                    "Other exports are running; try again in a few seconds.");
            with("retry_after_seconds", 5);
        }
    }
}

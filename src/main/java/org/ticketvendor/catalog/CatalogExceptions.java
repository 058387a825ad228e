package org.ticketvendor.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The errors the catalog reports to clients. */
public final class CatalogExceptions {

    private CatalogExceptions() {}

    /** No such event, or not one the caller may see (other promoters' events look missing: 404, not 403). */
    public static final class EventNotFoundException extends ApiException {
        public EventNotFoundException() {
            super(HttpStatus.NOT_FOUND, "event_not_found", "Event not found", "No such event.");
        }
    }

    /** No such tier, or not one the caller may see. */
    public static final class TierNotFoundException extends ApiException {
        public TierNotFoundException() {
            super(HttpStatus.NOT_FOUND, "tier_not_found", "Tier not found", "No such tier.");
        }
    }

    /** The caller has no promoter profile to own events with. */
    public static final class NotAPromoterException extends ApiException {
        public NotAPromoterException() {
            super(
                    HttpStatus.FORBIDDEN,
                    "promoter_required",
                    "Promoter profile required",
                    "Create a promoter profile first.");
        }
    }

    /** The change is not allowed in the event's current state. */
    public static final class EventStateException extends ApiException {
        public EventStateException(String code, String detail) {
            super(HttpStatus.CONFLICT, code, "Not allowed in the event's current state", detail);
        }
    }

    /** The request's If-Match names a version that is no longer current. */
    public static final class StaleVersionException extends ApiException {
        public StaleVersionException(Long current) {
            super(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale_version",
                    "Stale version",
                    "The resource changed since you read it. Read it again and retry with its new ETag.");
            if (current != null) {
                with("current_version", current);
            }
        }
    }

    /** Updates must say which version they change. */
    public static final class VersionRequiredException extends ApiException {
        public VersionRequiredException() {
            super(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "if_match_required",
                    "If-Match required",
                    "Send the ETag you read in an If-Match header, so concurrent edits are never silently lost.");
        }
    }

    /** Field-level problems found beyond what annotations can check (time order, currency codes). */
    public static final class InvalidCatalogFieldsException extends ApiException {
        public InvalidCatalogFieldsException(Map<String, String> problems) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", "Some fields are invalid.");
            List<Map<String, String>> errors = problems.entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                    .toList();
            with("errors", errors);
        }
    }

    /** The event has no uploaded image (or the caller may not see the event). */
    public static final class EventImageNotFoundException extends ApiException {
        public EventImageNotFoundException() {
            super(HttpStatus.NOT_FOUND, "event_image_not_found", "Event image not found", "The event has no image.");
        }
    }

    /** The upload is not a PNG, JPEG or WebP image by its content, whatever its Content-Type says. */
    public static final class UnsupportedImageTypeException extends ApiException {
        public UnsupportedImageTypeException(String detail) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_image_type", "Unsupported image type", detail);
            with("accepted", List.of("image/png", "image/jpeg", "image/webp"));
        }
    }

    /** The upload looks like an image but cannot be used: corrupt, truncated, or too many pixels. */
    public static final class InvalidImageException extends ApiException {
        public InvalidImageException(String code, String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, code, "Invalid image", detail);
        }
    }

    /** Too many uploads are being decoded at once; the client may retry shortly. */
    public static final class ImageProcessingBusyException extends ApiException {
        public ImageProcessingBusyException() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "image_processing_busy",
                    "Busy",
                    "Too many images are being processed; try again in a few seconds.");
            with("retry_after_seconds", 2);
        }
    }
}

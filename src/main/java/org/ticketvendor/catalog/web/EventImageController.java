package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.CatalogExceptions.EventImageNotFoundException;
import org.ticketvendor.catalog.CatalogSettings;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventImage;
import org.ticketvendor.catalog.EventImages;
import org.ticketvendor.catalog.web.CatalogResponses.EventImageResponse;
import org.ticketvendor.platform.CurrentUser;

/**
 * An event's image: uploaded by its promoter (or an admin) as the raw request body, served to whoever
 * may see the event. The image's ETag is the SHA-256 of its bytes, so caches revalidate for free (304)
 * and the URL in the event's JSON carries part of it ({@code ?v=}), changing with every upload.
 */
@RestController
@Tag(name = "events")
class EventImageController {

    static final String WEBP = "image/webp";

    private final Catalog catalog;
    private final EventImages images;
    private final Editors editors;
    private final CacheControl publicCaching;

    EventImageController(Catalog catalog, EventImages images, Editors editors, CatalogSettings settings) {
        this.catalog = catalog;
        this.images = images;
        this.editors = editors;
        this.publicCaching =
                CacheControl.maxAge(settings.images().cacheMaxAge()).cachePublic();
    }

    @PutMapping(
            path = "/api/v1/promoter/events/{eventId}/image",
            consumes = {
                MediaType.IMAGE_PNG_VALUE,
                MediaType.IMAGE_JPEG_VALUE,
                WEBP,
                MediaType.APPLICATION_OCTET_STREAM_VALUE
            },
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(
            summary = "Upload the event's image (the raw PNG, JPEG or WebP bytes as the body); replaces any",
            description = "What the bytes are is decided by their content, not by the Content-Type: other"
                    + " content is refused with 415, an image that does not decode or is larger than"
                    + " allowed (pixels) with 422, a body over the size limit with 413. The image is"
                    + " stored re-encoded without metadata (WebP as PNG or JPEG).")
    ResponseEntity<EventImageResponse> upload(
            CurrentUser caller, @PathVariable UUID eventId, @RequestBody byte[] body) {
        Event event = images.upload(editors.of(caller), eventId, body);
        return ResponseEntity.ok().eTag(event.image().etag()).body(EventImageResponse.of(event));
    }

    @DeleteMapping("/api/v1/promoter/events/{eventId}/image")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Remove the event's image")
    ResponseEntity<Void> remove(CurrentUser caller, @PathVariable UUID eventId) {
        images.remove(editors.of(caller), eventId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(
            path = "/api/v1/events/{idOrSlug}/image",
            produces = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE})
    @Operation(
            summary = "The event's image, for whoever may see the event",
            description = "Public events' images may be cached by anyone for a few minutes; after that, or"
                    + " for unpublished events (owner and admins), If-None-Match with the ETag gets a 304.")
    ResponseEntity<byte[]> get(
            @PathVariable @Size(max = 200) String idOrSlug,
            @Parameter(description = "ETags the client has; a match answers 304 Not Modified")
                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                    String ifNoneMatch) {
        Event event = catalog.visible(idOrSlug, editors.viewer());
        EventImage image = event.image();
        if (image == null) {
            throw new EventImageNotFoundException();
        }
        // Only what anyone may see goes to shared caches; the owner's view of a draft stays private.
        CacheControl caching =
                event.isPublic() ? publicCaching : CacheControl.noCache().cachePrivate();
        if (ETags.anyMatches(ifNoneMatch, image.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(image.etag())
                    .cacheControl(caching)
                    .build();
        }
        byte[] bytes = images.content(image).orElseThrow(EventImageNotFoundException::new);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .eTag(image.etag())
                .cacheControl(caching)
                .body(bytes);
    }
}

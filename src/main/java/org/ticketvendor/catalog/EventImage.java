package org.ticketvendor.catalog;

import java.time.Instant;

/**
 * The image uploaded for an event, as stored: decoded, checked and re-encoded by the application, so it
 * is a PNG or JPEG without metadata whatever was sent.
 *
 * @param key where the bytes are in object storage (unique per upload)
 * @param contentType {@code image/png} or {@code image/jpeg}
 * @param sha256 of the stored bytes, in hex: the image's strong ETag
 */
public record EventImage(
        String key, String contentType, int sizeBytes, String sha256, int width, int height, Instant uploadedAt) {

    /** The strong ETag of the image's bytes. */
    public String etag() {
        return "\"" + sha256 + "\"";
    }
}

package org.ticketvendor.notifications;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image shown inside the HTML body ({@code <img src="cid:CONTENT_ID">}): a related MIME part over
 * SMTP, an inline attachment with {@code content_id} on SendGrid.
 */
public record InlineImage(String contentId, String filename, String contentType, byte[] bytes) {

    private static final Pattern CONTENT_ID = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");

    public InlineImage {
        Objects.requireNonNull(bytes, "bytes");
        checkContentId(contentId);
        if (filename == null || filename.isBlank() || contentType == null || !contentType.startsWith("image/")) {
            throw new IllegalArgumentException("an inline image needs a file name and an image/* type");
        }
    }

    static void checkContentId(String contentId) {
        if (contentId == null || !CONTENT_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException("content id must be 1-100 of [A-Za-z0-9._-]");
        }
    }

    /** A PNG image. */
    public static InlineImage png(String contentId, byte[] bytes) {
        return new InlineImage(contentId, contentId + ".png", "image/png", bytes);
    }
}

package org.ticketvendor.notifications;

import java.util.Objects;

/**
 * A QR code the HTML body shows by Content-ID ({@code <img src="cid:CONTENT_ID">}), drawn as a PNG
 * when the mail is sent, not when it is enqueued: only its content is stored.
 *
 * @param contentId 1-100 of {@code [A-Za-z0-9._-]}
 * @param content what the code says, e.g. a ticket's signed code
 */
public record InlineQrCode(String contentId, String content) {

    public InlineQrCode {
        InlineImage.checkContentId(contentId);
        Objects.requireNonNull(content, "content");
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs content");
        }
    }
}

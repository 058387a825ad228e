package org.ticketvendor.notifications.sending;

import java.util.List;
import java.util.UUID;
import org.ticketvendor.notifications.InlineImage;

/** A rendered mail on its way out; {@code id} is its outbox row, also sent as a header. */
public record OutgoingEmail(UUID id, String to, String subject, String text, String html, List<InlineImage> images) {}

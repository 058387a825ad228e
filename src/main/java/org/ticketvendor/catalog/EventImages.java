package org.ticketvendor.catalog;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.catalog.Catalog.Editor;
import org.ticketvendor.catalog.CatalogExceptions.EventImageNotFoundException;
import org.ticketvendor.catalog.CatalogExceptions.EventNotFoundException;
import org.ticketvendor.catalog.CatalogExceptions.EventStateException;
import org.ticketvendor.catalog.CatalogExceptions.ImageProcessingBusyException;
import org.ticketvendor.catalog.CatalogExceptions.InvalidImageException;
import org.ticketvendor.catalog.CatalogExceptions.UnsupportedImageTypeException;
import org.ticketvendor.catalog.domain.ImageSanitizer;
import org.ticketvendor.catalog.domain.ImageSanitizer.ImageRejectedException;
import org.ticketvendor.catalog.domain.ImageSanitizer.Sanitized;
import org.ticketvendor.catalog.persistence.EventRepository;
import org.ticketvendor.platform.storage.ObjectStorage;

/**
 * Event images: a promoter (or an admin) uploads one image per event, which replaces the previous one,
 * or removes it; anyone who may see the event may read it. Each change is a new version of the event (its
 * representation shows the image), without If-Match: the last upload wins. The upload is sanitized ({@link
 * ImageSanitizer}), stored in object storage under a new key, and then recorded on the event as a new
 * version, audited. The bytes are written before and deleted after the database transaction, never inside
 * it: a failed transaction deletes the new object again, and the replaced object is deleted once the
 * change is committed (a crash in between leaves an unreferenced object, never a reference to a missing one).
 */
@Service
public class EventImages {

    private static final Logger log = LoggerFactory.getLogger(EventImages.class);

    private final Catalog catalog;
    private final EventRepository events;
    private final ObjectStorage storage;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final int maxDimension;
    private final Semaphore decoding;

    EventImages(
            Catalog catalog,
            EventRepository events,
            ObjectStorage storage,
            TransactionTemplate transactions,
            ApplicationEventPublisher publisher,
            Clock clock,
            CatalogSettings settings) {
        this.catalog = catalog;
        this.events = events;
        this.storage = storage;
        this.transactions = transactions;
        this.publisher = publisher;
        this.clock = clock;
        this.maxDimension = settings.images().maxDimension();
        this.decoding = new Semaphore(settings.images().concurrentDecodes(), true);
    }

    /**
     * Replaces the event's image with this upload (PNG, JPEG or WebP by content), re-encoded without
     * metadata. Audited as {@code event.image_uploaded}.
     *
     * @return the event with its new image (a new version)
     * @throws UnsupportedImageTypeException 415 when the bytes are no PNG, JPEG or WebP
     * @throws InvalidImageException 422 when they do not decode, or the image is too large
     */
    public Event upload(Editor editor, UUID eventId, byte[] upload) {
        changeable(editor, eventId);
        Sanitized image = sanitize(upload);
        String key = "events/" + eventId + "/" + UUID.randomUUID() + "." + image.extension();
        storage.put(key, image.bytes(), image.contentType());
        EventImage stored = new EventImage(
                key,
                image.contentType(),
                image.bytes().length,
                image.sha256(),
                image.width(),
                image.height(),
                clock.instant());
        Replaced replaced;
        try {
            replaced = transactions.execute(s -> replace(editor, eventId, stored, "image_uploaded"));
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        if (replaced.before().image() != null) {
            deleteQuietly(replaced.before().image().key());
        }
        return replaced.after();
    }

    /**
     * Removes the event's image. Audited as {@code event.image_removed}.
     *
     * @throws EventImageNotFoundException when it has none
     */
    public Event remove(Editor editor, UUID eventId) {
        Replaced replaced = transactions.execute(s -> replace(editor, eventId, null, "image_removed"));
        deleteQuietly(replaced.before().image().key());
        return replaced.after();
    }

    /** The image's bytes, as stored; empty (and logged) when storage has lost them. */
    public Optional<byte[]> content(EventImage image) {
        Optional<byte[]> bytes = storage.get(image.key());
        if (bytes.isEmpty()) {
            log.error("The stored image {} is missing from {}", image.key(), storage.location());
        }
        return bytes;
    }

    private record Replaced(Event before, Event after) {}

    private Replaced replace(Editor editor, UUID eventId, EventImage image, String action) {
        Event current =
                events.findByIdForUpdate(eventId).filter(editor::mayEdit).orElseThrow(EventNotFoundException::new);
        check(current);
        if (image == null && current.image() == null) {
            throw new EventImageNotFoundException();
        }
        Event updated = events.updateImage(eventId, current.version(), image).orElseThrow();
        publisher.publishEvent(CatalogChanged.image(action, current, updated));
        return new Replaced(current, updated);
    }

    /** Fails early, before an upload is decoded and stored, when the caller could not change the event anyway. */
    private void changeable(Editor editor, UUID eventId) {
        check(catalog.owned(editor, eventId));
    }

    private static void check(Event event) {
        if (event.status().isFinal()) {
            throw new EventStateException(
                    "event_not_editable", "The event is " + event.status() + " and can no longer be changed.");
        }
    }

    private Sanitized sanitize(byte[] upload) {
        boolean acquired;
        try {
            acquired = decoding.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageProcessingBusyException();
        }
        if (!acquired) {
            throw new ImageProcessingBusyException();
        }
        try {
            return ImageSanitizer.sanitize(upload, maxDimension);
        } catch (ImageRejectedException e) {
            throw switch (e.refusal()) {
                case UNSUPPORTED_TYPE -> new UnsupportedImageTypeException(e.getMessage());
                case TOO_LARGE -> new InvalidImageException("image_too_large", e.getMessage());
                case UNREADABLE -> new InvalidImageException("image_unreadable", e.getMessage());
            };
        } finally {
            decoding.release();
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete the unused image {}; it stays in {}", key, storage.location(), e);
        }
    }

    static Map<String, Object> summary(EventImage image) {
        return image == null
                ? Map.of()
                : Map.of(
                        "content_type", image.contentType(),
                        "size_bytes", image.sizeBytes(),
                        "sha256", image.sha256(),
                        "width", image.width(),
                        "height", image.height());
    }
}

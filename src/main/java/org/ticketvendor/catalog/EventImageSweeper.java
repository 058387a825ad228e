package org.ticketvendor.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.ticketvendor.platform.storage.ObjectStorage;
import org.ticketvendor.platform.storage.ObjectStorage.StoredObject;

/**
 * Deletes stored event images no event names any more. {@link EventImages} writes an image before the
 * transaction that records it and deletes the replaced one after: a crash (or a failed delete) in between
 * leaves an object behind. Only objects older than {@link #GRACE} go, so an upload whose transaction has
 * not committed yet is never taken for one. Several instances may sweep at once: deleting twice is
 * harmless.
 */
@Component
class EventImageSweeper {

    static final String PREFIX = "events/";
    static final Duration GRACE = Duration.ofHours(1);
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(EventImageSweeper.class);

    private final ObjectStorage storage;
    private final JdbcClient jdbc;
    private final Clock clock;

    EventImageSweeper(ObjectStorage storage, JdbcClient jdbc, Clock clock) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes the unreferenced objects written before the grace period; returns how many. */
    @Scheduled(fixedDelayString = "${ticketvendor.catalog.images.sweep-interval:6h}", initialDelayString = "10m")
    int sweep() {
        Instant before = clock.instant().minus(GRACE);
        List<String> candidates = storage.list(PREFIX).stream()
                .filter(o -> o.lastModified().isBefore(before))
                .map(StoredObject::key)
                .toList();
        int deleted = 0;
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> batch = candidates.subList(from, Math.min(from + BATCH, candidates.size()));
            Set<String> referenced = new HashSet<>(jdbc.sql("select image_key from events where image_key in (:keys)")
                    .param("keys", batch)
                    .query(String.class)
                    .list());
            for (String key : batch) {
                if (!referenced.contains(key)) {
                    storage.delete(key);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            log.info(
                    "Deleted {} stored event images no event names (of {} older than {})",
                    deleted,
                    candidates.size(),
                    GRACE);
        }
        return deleted;
    }
}

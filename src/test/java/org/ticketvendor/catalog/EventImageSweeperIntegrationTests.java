package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.platform.storage.ObjectStorage;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestImages;

/** Stored images no event names are deleted once they are past the grace period; named ones never. */
@IntegrationTest
class EventImageSweeperIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectStorage storage;

    String promoter;
    CatalogApi catalogApi;

    @BeforeEach
    void setUp() {
        catalogApi = new CatalogApi(new ApiClient(port), jdbc);
        promoter = catalogApi.newPromoterToken("Sweeper Events");
    }

    @Test
    void deletesOnlyOldObjectsThatNoEventNames() {
        String event = catalogApi.createEvent(promoter, "Swept Poster").path("id");
        new ImageApi(port)
                .upload(promoter, event, TestImages.png(24, 24), "image/png")
                .then()
                .statusCode(200);
        String named = jdbc.sql("select image_key from events where id = :id")
                .param("id", UUID.fromString(event))
                .query(String.class)
                .single();
        // What a crash between the storage write and the commit leaves behind.
        String orphan = "events/" + event + "/" + UUID.randomUUID() + ".png";
        storage.put(orphan, TestImages.png(8, 8), "image/png");

        // Within the grace period the orphan may still be an upload whose transaction has not committed.
        assertThat(new EventImageSweeper(storage, jdbc, Clock.systemUTC()).sweep())
                .isZero();
        assertThat(storage.get(orphan)).isPresent();

        Clock later = Clock.offset(Clock.systemUTC(), EventImageSweeper.GRACE.plus(Duration.ofMinutes(1)));
        assertThat(new EventImageSweeper(storage, jdbc, later).sweep()).isPositive();
        assertThat(storage.get(orphan)).isEmpty();
        assertThat(storage.get(named)).isPresent();
        assertThat(storage.list(EventImageSweeper.PREFIX))
                .extracting(ObjectStorage.StoredObject::key)
                .contains(named)
                .doesNotContain(orphan);
    }
}

package org.ticketvendor.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Catalog settings ({@code ticketvendor.catalog.*}).
 *
 * @param images event images
 */
@Validated
@ConfigurationProperties("ticketvendor.catalog")
public record CatalogSettings(@DefaultValue @Valid Images images) {

    /**
     * @param maxBytes the largest upload accepted (larger ones get a 413 problem)
     * @param maxDimension the most pixels an image may have across and down; read from the image's header
     *     before it is decoded, so a small file claiming huge dimensions never gets memory for them
     * @param cacheMaxAge how long browsers and shared caches may keep a public event's image without
     *     asking again (then they revalidate with its ETag)
     * @param concurrentDecodes how many uploads are decoded at once (each may take {@code 4 * maxDimension²}
     *     bytes of memory); others wait up to 5 seconds, then get a 503
     */
    public record Images(
            @DefaultValue("5MB") DataSize maxBytes,
            @DefaultValue("4096") @Min(16) @Max(16_384) int maxDimension,
            @DefaultValue("5m") Duration cacheMaxAge,
            @DefaultValue("2") @Min(1) @Max(64) int concurrentDecodes,
            // read by EventImageSweeper's @Scheduled; bound here so a bad value fails at start-up
            @DefaultValue("6h") Duration sweepInterval) {

        public Images {
            if (maxBytes.toBytes() < 1024 || maxBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ticketvendor.catalog.images.max-bytes must be 1KB to 2GB");
            }
            if (cacheMaxAge.isNegative()) {
                throw new IllegalArgumentException("ticketvendor.catalog.images.cache-max-age must not be negative");
            }
        }
    }
}

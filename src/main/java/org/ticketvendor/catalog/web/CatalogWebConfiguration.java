package org.ticketvendor.catalog.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.ticketvendor.catalog.CatalogSettings;
import org.ticketvendor.platform.LargeBodyEndpoints;
import org.ticketvendor.platform.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
class CatalogWebConfiguration {

    /** Browsing needs no account: event lists, event pages, tiers and availability. */
    @Bean
    PublicEndpoints catalogPublicEndpoints() {
        return PublicEndpoints.of(
                HttpMethod.GET,
                "/api/v1/events",
                "/api/v1/events/*",
                "/api/v1/events/*/tiers",
                "/api/v1/events/*/image",
                "/api/v1/tiers/*/availability");
    }

    /** Image uploads are larger than JSON bodies. */
    @Bean
    LargeBodyEndpoints catalogImageUploads(CatalogSettings settings) {
        return LargeBodyEndpoints.of(HttpMethod.PUT, settings.images().maxBytes(), "/api/v1/promoter/events/*/image");
    }
}

package org.ticketvendor.catalog.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
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
                "/api/v1/tiers/*/availability");
    }
}

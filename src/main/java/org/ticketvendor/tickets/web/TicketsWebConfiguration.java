package org.ticketvendor.tickets.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.ticketvendor.platform.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
class TicketsWebConfiguration {

    /** An event's verification key is public by nature: scanners fetch it before the doors open. */
    @Bean
    PublicEndpoints ticketsPublicEndpoints() {
        return PublicEndpoints.of(HttpMethod.GET, "/api/v1/events/*/ticket-key");
    }
}

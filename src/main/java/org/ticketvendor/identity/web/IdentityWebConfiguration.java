package org.ticketvendor.identity.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.ticketvendor.platform.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration {

    /** Registration and the token endpoints are how a client gets a token, so they need none. */
    @Bean
    PublicEndpoints identityPublicEndpoints() {
        return PublicEndpoints.of(
                HttpMethod.POST,
                "/api/v1/auth/register",
                "/api/v1/auth/login",
                "/api/v1/auth/refresh",
                "/api/v1/auth/logout");
    }
}

package org.ticketvendor.payments.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.ticketvendor.platform.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
class PaymentsWebConfiguration {

    /** Stripe calls the webhook without a token; the signature on the body is its authentication. */
    @Bean
    PublicEndpoints paymentsPublicEndpoints() {
        return PublicEndpoints.of(HttpMethod.POST, "/api/v1/payments/webhooks/stripe");
    }
}

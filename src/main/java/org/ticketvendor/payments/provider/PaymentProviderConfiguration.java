package org.ticketvendor.payments.provider;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ticketvendor.payments.PaymentsSettings;
import org.ticketvendor.payments.persistence.TestModeRepository;
import org.ticketvendor.payments.stripe.StripePaymentProvider;
import org.ticketvendor.payments.testmode.TestModePaymentProvider;

/**
 * Chooses the one active provider: Stripe whenever a secret key is configured, the test-mode
 * provider only when none is (never silently in place of a configured Stripe account).
 */
@Configuration(proxyBeanMethods = false)
class PaymentProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentProviderConfiguration.class);

    @Bean
    PaymentProvider paymentProvider(PaymentsSettings settings, TestModeRepository testMode, Clock clock) {
        if (settings.stripeEnabled()) {
            log.info("Payments run through Stripe at {}", settings.stripe().apiBase());
            if (settings.stripe().webhookSecret() == null
                    || settings.stripe().webhookSecret().isBlank()) {
                log.warn("STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks will be refused");
            }
            return new StripePaymentProvider(settings.stripe());
        }
        log.warn("Payments run in TEST MODE: no money moves. Set STRIPE_SECRET_KEY to take real payments.");
        return new TestModePaymentProvider(testMode, settings.testMode(), clock);
    }
}

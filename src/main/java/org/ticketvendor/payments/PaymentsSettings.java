package org.ticketvendor.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Payments settings ({@code ticketvendor.payments.*}).
 *
 * @param stripe the Stripe account; without a secret key the built-in test-mode provider is used
 * @param testMode the test-mode provider
 */
@Validated
@ConfigurationProperties("ticketvendor.payments")
public record PaymentsSettings(
        @Valid @DefaultValue Stripe stripe,
        @Valid @DefaultValue TestMode testMode) {

    /** Whether payments go through Stripe (a secret key is configured) rather than test mode. */
    public boolean stripeEnabled() {
        return stripe.secretKey() != null && !stripe.secretKey().isBlank();
    }

    /**
     * Stripe ({@code ticketvendor.payments.stripe.*}).
     *
     * @param secretKey the API secret key ({@code sk_live_...}/{@code sk_test_...}, env {@code
     *     STRIPE_SECRET_KEY}); blank switches to test mode
     * @param webhookSecret the endpoint's signing secret ({@code whsec_...}, env {@code
     *     STRIPE_WEBHOOK_SECRET}); blank refuses webhooks
     * @param apiBase Stripe's API address; tests point it at a local server
     * @param webhookTolerance how old a webhook's signed timestamp may be (replay protection)
     * @param maxNetworkRetries how often the library retries a failed request (with the same
     *     idempotency key)
     * @param connectTimeout connection timeout per request
     * @param readTimeout read timeout per request
     */
    public record Stripe(
            String secretKey,
            String webhookSecret,

            @DefaultValue("https://api.stripe.com") @NotBlank
            String apiBase,

            @DefaultValue("5m") @NotNull Duration webhookTolerance,
            @DefaultValue("2") @Min(0) @Max(10) int maxNetworkRetries,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration readTimeout) {

        @Override
        public String toString() {
            return "Stripe[apiBase=" + apiBase + ", webhookTolerance=" + webhookTolerance + ", secrets=<redacted>]";
        }
    }

    /**
     * The built-in test-mode provider ({@code ticketvendor.payments.test-mode.*}).
     *
     * @param delay how long a {@code pm_test_delayed} payment stays processing before a check sees it
     *     succeed
     */
    public record TestMode(@DefaultValue("10s") @NotNull Duration delay) {}
}

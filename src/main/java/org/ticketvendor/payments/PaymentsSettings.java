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
     * @param maxNetworkRetries how often the library retries a request that failed to connect, timed
     *     out or got a 5xx/409 (a creating request with the same idempotency key, so never twice)
     * @param connectTimeout connection timeout per try
     * @param readTimeout read timeout per try. Buyers wait for these calls (placing, confirming and
     *     cancelling an order), so a Stripe that does not answer costs a request at most (retries + 1)
     *     x (connect + read timeout) plus the library's pause between tries (0.5 s to 1 s): at most
     *     about 25 s with the defaults (a silent server: 20 s), then a 504 problem; the next confirm
     *     repeats the request under the same key
     */
    public record Stripe(
            String secretKey,
            String webhookSecret,

            @DefaultValue("https://api.stripe.com") @NotBlank
            String apiBase,

            @DefaultValue("5m") @NotNull Duration webhookTolerance,
            @DefaultValue("1") @Min(0) @Max(10) int maxNetworkRetries,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration readTimeout) {

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

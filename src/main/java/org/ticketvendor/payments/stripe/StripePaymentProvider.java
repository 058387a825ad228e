package org.ticketvendor.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;
import org.ticketvendor.payments.PaymentsSettings;
import org.ticketvendor.payments.provider.PaymentProvider;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.provider.ProviderRefund;

/**
 * Stripe through the official {@code stripe-java} library: PaymentIntents with automatic payment
 * methods, refunds, and idempotency keys on every creating request. Uses its own {@link
 * StripeClient} (key, API base, timeouts, retries) instead of the library's global settings, so
 * nothing else in the JVM is affected and tests can point it at a local server.
 */
public class StripePaymentProvider implements PaymentProvider {

    public static final String NAME = "stripe";

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

    private final StripeClient client;

    public StripePaymentProvider(PaymentsSettings.Stripe settings) {
        this.client = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderPayment create(String idempotencyKey, String reference, long amountMinor, String currency) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountMinor)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .putMetadata(StripeObjects.REFERENCE, reference)
                .build();
        RequestOptions options =
                RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call(
                "create payment intent",
                () -> StripeObjects.payment(client.v1().paymentIntents().create(params, options)));
    }

    @Override
    public ProviderPayment retrieve(String providerPaymentId) {
        return call(
                "retrieve " + providerPaymentId,
                () -> theOneAskedFor(
                        providerPaymentId,
                        StripeObjects.payment(client.v1().paymentIntents().retrieve(providerPaymentId))));
    }

    @Override
    public ProviderPayment cancel(String providerPaymentId) {
        return call(
                "cancel " + providerPaymentId,
                () -> theOneAskedFor(
                        providerPaymentId,
                        StripeObjects.payment(client.v1().paymentIntents().cancel(providerPaymentId))));
    }

    /** An answer about another intent than the one asked for is not believed. */
    private static ProviderPayment theOneAskedFor(String providerPaymentId, ProviderPayment answer) {
        if (!providerPaymentId.equals(answer.id())) {
            log.warn("Stripe answered about {} when asked about {}", answer.id(), providerPaymentId);
            throw new PaymentProviderException(
                    NAME, "invalid_response", "Stripe answered about another payment intent.");
        }
        return answer;
    }

    @Override
    public ProviderRefund refund(String idempotencyKey, String providerPaymentId, long amountMinor, String reason) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(providerPaymentId)
                .setAmount(amountMinor)
                .putMetadata(StripeObjects.REFUND_KEY, idempotencyKey)
                .putMetadata("reason", reason);
        Arrays.stream(RefundCreateParams.Reason.values())
                .filter(r -> r.getValue().equals(reason))
                .findFirst()
                .ifPresent(params::setReason);
        RequestOptions options =
                RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call(
                "refund " + providerPaymentId,
                () -> StripeObjects.refund(client.v1().refunds().create(params.build(), options)));
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    /**
     * Runs one request (with the library's retries) and turns every way it can fail into a {@link
     * PaymentProviderException}: a timeout is a 504, anything else (unreachable, refused, a 5xx, an
     * answer that is not a Stripe object) a 502. Never a bare runtime exception, which would be a 500.
     */
    private static <T> T call(String what, StripeCall<T> call) {
        try {
            return call.run();
        } catch (ApiConnectionException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                log.warn("Stripe did not answer in time ({}): {}", what, e.getMessage());
                throw PaymentProviderException.timeout(NAME, "Stripe did not answer in time.");
            }
            log.warn("Stripe unreachable ({}): {}", what, e.getMessage());
            if (e.getCause() instanceof ConnectException) {
                // Never connected: the request cannot have reached Stripe.
                throw new PaymentProviderException(NAME, "api_connection_error", "Stripe could not be reached.");
            }
            throw PaymentProviderException.outcomeUnknown(
                    NAME, "api_connection_error", "The connection to Stripe broke before it answered.");
        } catch (StripeException e) {
            String code = e.getCode() != null
                    ? e.getCode()
                    : e.getStripeError() == null ? null : e.getStripeError().getDeclineCode();
            log.warn(
                    "Stripe refused to {} (HTTP {}, code {}, request {}): {}",
                    what,
                    e.getStatusCode(),
                    code,
                    e.getRequestId(),
                    e.getMessage());
            String detail = "Stripe refused the request" + (code == null ? "." : " (" + code + ").");
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500) {
                throw new PaymentProviderException(NAME, code, detail); // refused: nothing happened
            }
            // A 5xx, or a 2xx the library could not read: the request may have been processed (a retry
            // under the same key replays the outcome).
            throw PaymentProviderException.outcomeUnknown(NAME, code, detail);
        } catch (RuntimeException e) {
            // An answer the library could not read (JSON it cannot parse, an empty body, an object
            // without an id): whatever Stripe did, it is not known from this answer.
            log.warn("Stripe's answer to {} could not be read: {}", what, e.toString());
            throw PaymentProviderException.outcomeUnknown(
                    NAME, "invalid_response", "Stripe's answer could not be read.");
        }
    }
}

package org.ticketvendor.payments;

import com.stripe.net.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe API objects for tests, from the JSON fixtures in {@code src/test/resources/stripe/}
 * (modelled on Stripe's API reference), with {@code ${name}} placeholders filled in; and webhook
 * signatures made the way Stripe makes them.
 */
public final class StripeFixtures {

    private StripeFixtures() {}

    public static String newPaymentIntentId() {
        return "pi_3Qx" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    public static String newRefundId() {
        return "re_3Qx" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    /** A PaymentIntent; {@code status} is Stripe's ({@code requires_payment_method}, {@code succeeded}, ...). */
    public static String paymentIntent(String id, String reference, long amount, String currency, String status) {
        Map<String, String> values = new HashMap<>();
        values.put("id", id);
        values.put("reference", reference);
        values.put("amount", Long.toString(amount));
        values.put("amount_received", status.equals("succeeded") ? Long.toString(amount) : "0");
        values.put("currency", currency);
        values.put("status", status);
        values.put("cancellation_reason", status.equals("canceled") ? "\"abandoned\"" : "null");
        values.put("last_payment_error", "null");
        values.put("latest_charge", status.equals("succeeded") ? "\"ch_3QxPaid2eZvKYlo21gKp0Vt7\"" : "null");
        values.put("payment_method", status.equals("succeeded") ? "\"pm_1QxPaid2eZvKYlo2C8sSx2Kq\"" : "null");
        return fill(load("payment_intent.json"), values);
    }

    /** A PaymentIntent whose last attempt was declined (back in {@code requires_payment_method}). */
    public static String declinedPaymentIntent(String id, String reference, long amount, String currency) {
        String intent = paymentIntent(id, reference, amount, currency, "requires_payment_method");
        return intent.replace(
                "\"last_payment_error\": null", "\"last_payment_error\": " + load("card_declined_error.json"));
    }

    /** A refund; {@code refundKey} is the idempotency key this module keeps in its metadata, or null. */
    public static String refund(String id, String paymentIntent, long amount, String currency, String refundKey) {
        Map<String, String> values = new HashMap<>();
        values.put("id", id);
        values.put("payment_intent", paymentIntent);
        values.put("amount", Long.toString(amount));
        values.put("currency", currency);
        values.put("status", "succeeded");
        values.put("reason", refundKey == null ? "\"requested_by_customer\"" : "null");
        values.put(
                "metadata",
                refundKey == null
                        ? "{}"
                        : "{\"ticketvendor_refund_key\": \"" + refundKey + "\", \"reason\": \"test\"}");
        return fill(load("refund.json"), values);
    }

    /** A charge after refunds, listing them (as API versions before 2022-11-15 do) or not ({@code null}). */
    static String refundedCharge(
            String paymentIntent, long amount, long amountRefunded, String currency, String... refunds) {
        Map<String, String> values = new HashMap<>();
        values.put("payment_intent", paymentIntent);
        values.put("amount", Long.toString(amount));
        values.put("amount_refunded", Long.toString(amountRefunded));
        values.put("currency", currency);
        values.put("refunded", Boolean.toString(amount == amountRefunded));
        values.put("refunds", "[" + String.join(",", refunds) + "]");
        values.put("refund_count", Integer.toString(refunds.length));
        return fill(load("charge_refunded.json"), values);
    }

    public static String event(String id, String type, String object, long created) {
        Map<String, String> values = new HashMap<>();
        values.put("id", id);
        values.put("type", type);
        values.put("object", object);
        values.put("created", Long.toString(created));
        values.put("request_idempotency_key", UUID.randomUUID().toString());
        return fill(load("event.json"), values);
    }

    static String unexpectedStateError() {
        return load("payment_intent_unexpected_state.json");
    }

    /**
     * The {@code Stripe-Signature} header Stripe sends: {@code t=<unix seconds>,v1=<hex HMAC-SHA256
     * of "<t>.<payload>" with the endpoint secret>}, computed with the library's own helper.
     */
    public static String signature(String payload, String secret, long timestamp) {
        try {
            String mac = Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
            return "t=" + timestamp + ",v1=" + mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String result = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (result.contains("${")) {
            throw new IllegalArgumentException("Unfilled placeholder in " + result);
        }
        return result;
    }

    private static String load(String name) {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

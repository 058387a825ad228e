package org.ticketvendor.payments.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.ticketvendor.payments.PaymentsExceptions.InvalidWebhookPayloadException;
import org.ticketvendor.payments.PaymentsExceptions.InvalidWebhookSignatureException;
import org.ticketvendor.payments.PaymentsExceptions.WebhooksDisabledException;
import org.ticketvendor.payments.PaymentsSettings;
import org.ticketvendor.payments.ledger.PaymentLedger;
import org.ticketvendor.payments.provider.ProviderEvent;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefund;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefunds;

/**
 * Reads Stripe webhooks: verifies the {@code Stripe-Signature} header against the raw body with the
 * library's {@link Webhook#constructEvent} (HMAC-SHA256 with the endpoint secret, and a timestamp
 * no older than the tolerance, so a captured request cannot be replayed later), then reduces the
 * event to what the module acts on. The event's data object is read with the library's lenient
 * deserializer rather than its API-version-checked accessor, so that events sent with the account's
 * (possibly older) API version are understood too; only long-stable fields are used.
 */
@Component
public class StripeWebhooks {

    private final PaymentsSettings settings;
    private final PaymentLedger ledger;
    private final Clock clock;

    StripeWebhooks(PaymentsSettings settings, PaymentLedger ledger, Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Verifies a webhook and applies it once: its event id and its effect share one transaction.
     *
     * @return false when the event was processed before (a replay or a duplicate delivery)
     * @throws InvalidWebhookSignatureException when the signature is missing, wrong or too old
     */
    public boolean receive(String payload, String signatureHeader) {
        return ledger.recordEvent(verify(payload, signatureHeader));
    }

    /**
     * The verified event.
     *
     * @throws InvalidWebhookSignatureException when the signature is missing, wrong or too old
     * @throws WebhooksDisabledException when payments run in test mode or no webhook secret is set
     */
    public ProviderEvent verify(String payload, String signatureHeader) {
        String secret = settings.stripe().webhookSecret();
        if (!settings.stripeEnabled()) {
            throw new WebhooksDisabledException("Payments run in test mode; Stripe webhooks are not accepted.");
        }
        if (secret == null || secret.isBlank()) {
            throw new WebhooksDisabledException("No Stripe webhook secret is configured.");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhookSignatureException();
        }
        Event event;
        try {
            event = Webhook.constructEvent(
                    payload,
                    signatureHeader,
                    secret,
                    settings.stripe().webhookTolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookSignatureException();
        } catch (RuntimeException e) {
            // Signed, but not JSON the library can read as an event.
            throw new InvalidWebhookPayloadException();
        }
        if (event.getId() == null || event.getType() == null || event.getDataObjectDeserializer() == null) {
            throw new InvalidWebhookPayloadException();
        }
        try {
            return reduce(event, event.getDataObjectDeserializer().deserializeUnsafe());
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw new InvalidWebhookPayloadException();
        }
    }

    private static ProviderEvent reduce(Event event, StripeObject data) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", event.getId());
        summary.put("type", event.getType());
        summary.put("api_version", event.getApiVersion());
        summary.put("created", event.getCreated());
        summary.put("livemode", event.getLivemode());
        String type = event.getType();
        if (type.startsWith("payment_intent.") && data instanceof PaymentIntent intent) {
            var payment = StripeObjects.payment(intent);
            summary.put("object", payment.summary());
            return new ProviderEvent(StripePaymentProvider.NAME, event.getId(), type, summary, payment, null);
        }
        if (type.equals("charge.refunded") && data instanceof Charge charge) {
            List<ReportedRefund> refunds =
                    charge.getRefunds() == null || charge.getRefunds().getData() == null
                            ? List.of()
                            : charge.getRefunds().getData().stream()
                                    .map(StripeWebhooks::reported)
                                    .toList();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", charge.getId());
            object.put("object", "charge");
            object.put("payment_intent", charge.getPaymentIntent());
            object.put("amount", charge.getAmount());
            object.put("amount_refunded", charge.getAmountRefunded());
            object.put(
                    "refunds", refunds.stream().map(r -> r.refund().summary()).toList());
            summary.put("object", object);
            ReportedRefunds reported = charge.getPaymentIntent() == null
                    ? null
                    : new ReportedRefunds(
                            charge.getPaymentIntent(),
                            charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(),
                            refunds);
            return new ProviderEvent(StripePaymentProvider.NAME, event.getId(), type, summary, null, reported);
        }
        return new ProviderEvent(StripePaymentProvider.NAME, event.getId(), type, summary, null, null);
    }

    private static ReportedRefund reported(Refund refund) {
        String key = refund.getMetadata() == null ? null : refund.getMetadata().get(StripeObjects.REFUND_KEY);
        return new ReportedRefund(StripeObjects.refund(refund), key);
    }
}

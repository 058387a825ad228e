package org.ticketvendor.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import org.junit.jupiter.api.Test;
import org.ticketvendor.payments.PaymentStatus;

class PaymentsStripeObjectsTests {

    @Test
    void mapsEveryPaymentIntentStatusToOurs() {
        assertThat(StripeObjects.status("requires_payment_method", false)).isEqualTo(PaymentStatus.PENDING);
        assertThat(StripeObjects.status("requires_payment_method", true)).isEqualTo(PaymentStatus.FAILED);
        assertThat(StripeObjects.status("requires_confirmation", false)).isEqualTo(PaymentStatus.PENDING);
        assertThat(StripeObjects.status("requires_action", false)).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(StripeObjects.status("processing", false)).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(StripeObjects.status("requires_capture", false)).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(StripeObjects.status("succeeded", false)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(StripeObjects.status("canceled", false)).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(StripeObjects.status(null, false)).isEqualTo(PaymentStatus.PENDING);
        assertThat(StripeObjects.status("something_new", false)).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void mapsEveryRefundStatusToOurs() {
        assertThat(StripeObjects.refundStatus("pending")).isEqualTo(PaymentStatus.PENDING);
        assertThat(StripeObjects.refundStatus("requires_action")).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(StripeObjects.refundStatus("succeeded")).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(StripeObjects.refundStatus("failed")).isEqualTo(PaymentStatus.FAILED);
        assertThat(StripeObjects.refundStatus("canceled")).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(StripeObjects.refundStatus(null)).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void statusValuesAreTheStoredOnes() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentStatus.of(status.value())).isEqualTo(status);
        }
        assertThat(PaymentStatus.SUCCEEDED.isFinal()).isTrue();
        assertThat(PaymentStatus.FAILED.isFinal()).isFalse();
    }

    @Test
    void anAnswerLackingWhatEveryIntentOrRefundHasIsUnusableNotRecorded() {
        PaymentIntent empty = new PaymentIntent();
        // StripePaymentProvider turns these into a 502 invalid_response (StripePaymentProviderFaultsTests).
        assertThatThrownBy(() -> StripeObjects.payment(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a usable PaymentIntent");
        PaymentIntent noCurrency = new PaymentIntent();
        noCurrency.setId("pi_1");
        noCurrency.setStatus("succeeded");
        noCurrency.setAmount(100L);
        assertThatThrownBy(() -> StripeObjects.payment(noCurrency)).isInstanceOf(IllegalStateException.class);
        noCurrency.setCurrency("eur");
        assertThat(StripeObjects.payment(noCurrency).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThatThrownBy(() -> StripeObjects.refund(new Refund()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a usable Refund");
    }
}

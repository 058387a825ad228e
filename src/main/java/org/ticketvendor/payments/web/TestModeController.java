package org.ticketvendor.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.testmode.TestCard;
import org.ticketvendor.payments.testmode.TestModeCheckout;

@RestController
@Tag(name = "payments", description = "Payment provider webhooks and the test-mode checkout")
class TestModeController {

    private final TestModeCheckout checkout;

    TestModeController(TestModeCheckout checkout) {
        this.checkout = checkout;
    }

    record TestModePayRequest(
            @NotNull @Pattern(regexp = TestCard.PATTERN, message = "must be one of " + TestCard.PATTERN)
            String paymentMethod) {}

    /**
     * @param id the provider's payment id
     * @param status where the payment stands now
     * @param failureCode why the attempt failed, when it did
     * @param testMode always true: no money moved
     */
    record TestModePaymentResponse(String id, String status, String failureCode, boolean testMode) {

        static TestModePaymentResponse of(ProviderPayment payment) {
            return new TestModePaymentResponse(payment.id(), payment.status().value(), payment.failureCode(), true);
        }
    }

    @PostMapping(
            path = "/api/v1/payments/test-mode/{providerPaymentId}/pay",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            summary = "TEST MODE ONLY: pay a test-mode payment intent (404 when payments run through Stripe)",
            description = "payment_method pm_test_succeeds pays, pm_test_declines is declined (card_declined), "
                    + "pm_test_delayed is processing and succeeds on a check after the configured delay.")
    TestModePaymentResponse pay(@PathVariable String providerPaymentId, @Valid @RequestBody TestModePayRequest body) {
        TestCard card = TestCard.of(body.paymentMethod()).orElseThrow();
        return TestModePaymentResponse.of(checkout.pay(providerPaymentId, card));
    }
}

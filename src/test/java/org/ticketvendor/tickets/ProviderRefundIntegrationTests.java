package org.ticketvendor.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.ledger.PaymentLedger;
import org.ticketvendor.payments.provider.ProviderEvent;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefund;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefunds;
import org.ticketvendor.payments.provider.ProviderRefund;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Refunds made at the payment provider (its dashboard), learnt from a webhook event: the event is
 * fed through the same ledger path the Stripe webhook uses, for a test-mode charge.
 */
@IntegrationTest
class ProviderRefundIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    OrderPayments orderPayments;

    @Autowired
    TicketRefunds refunds;

    ApiClient api;
    SaleFixture sale;
    String buyer;
    String orderId;
    List<String> tickets;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 10, 2500, 4);
        buyer = api.newBuyerToken();
        orderId = sale.buy(api, buyer, 2);
        tickets = api.as(buyer).get("/api/v1/tickets").path("items.id");
    }

    @Test
    void aFullRefundAtTheProviderVoidsTheTicketsAndReturnsTheSeatsOnce() {
        ProviderEvent event = refundedAtProvider(5000, 5000);
        assertThat(ledger.recordEvent(event)).isTrue();
        assertThat(ledger.recordEvent(event)).isFalse();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("refunded"));
        for (String ticket : tickets) {
            api.as(buyer).get("/api/v1/tickets/" + ticket).then().body("status", equalTo("refunded"));
        }
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("sold", equalTo(0))
                .body("available", equalTo(10));
        assertThat(owedRefunds()).isZero();
        assertThat(audited("order.refunded")).isEqualTo(1);
    }

    @Test
    void aPartialRefundAtTheProviderLeavesTheTicketsValid() {
        ledger.recordEvent(refundedAtProvider(1000, 1000));

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("paid"));
        for (String ticket : tickets) {
            api.as(buyer).get("/api/v1/tickets/" + ticket).then().body("status", equalTo("valid"));
        }
        assertThat(audited("payment.refunded")).isEqualTo(1);
    }

    @Test
    void aRefundOwedHereButAlreadyMadeAtTheProviderIsNotPaidTwice() {
        // Decided here, but the refund job has not paid it yet when someone refunds the whole charge
        // in the provider's dashboard.
        refunds.refund(
                new CurrentUser(UUID.randomUUID(), "admin"),
                UUID.fromString(orderId),
                List.of(UUID.fromString(tickets.get(0))),
                "requested_by_customer");
        assertThat(owedRefunds()).isOne();
        ledger.recordEvent(refundedAtProvider(5000, 5000));

        orderPayments.payOwedRefunds();

        assertThat(owedRefunds()).isZero();
        assertThat(jdbc.sql("""
                        select coalesce(sum(amount_minor), 0) from payment_transactions
                        where reference = :r and kind = 'refund' and status in ('succeeded', 'pending')
                        """).param("r", orderId).query(Long.class).single()).isEqualTo(5000);
        api.as(buyer).get("/api/v1/tickets/" + tickets.get(1)).then().body("status", equalTo("refunded"));
    }

    private ProviderEvent refundedAtProvider(long amount, long totalRefunded) {
        String paymentId = jdbc.sql("""
                        select provider_payment_id from payment_transactions where reference = :r and kind = 'charge'
                        """).param("r", orderId).query(String.class).single();
        String refundId = "re_dashboard_" + UUID.randomUUID().toString().substring(0, 8);
        ProviderRefund refund = new ProviderRefund(
                refundId, PaymentStatus.SUCCEEDED, amount, null, Map.of("id", refundId, "amount", amount));
        return new ProviderEvent(
                "test",
                "evt_" + refundId,
                "charge.refunded",
                Map.of("refund", refundId),
                null,
                new ReportedRefunds(paymentId, totalRefunded, List.of(new ReportedRefund(refund, null))));
    }

    private long owedRefunds() {
        return jdbc.sql("select count(*) from order_refunds where order_id = :o and status = 'pending'")
                .param("o", UUID.fromString(orderId))
                .query(Long.class)
                .single();
    }

    private long audited(String action) {
        return jdbc.sql("select count(*) from audit_log where entity_id = :o and action = :a")
                .param("o", orderId)
                .param("a", action)
                .query(Long.class)
                .single();
    }
}

package org.ticketvendor.orders.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.payments.PaymentIntent;

/** An order as its buyer sees it. */
record OrderResponse(
        UUID id,
        String orderNumber,
        String status,
        UUID eventId,
        List<LineResponse> items,
        long subtotalMinor,
        long feesMinor,
        long totalMinor,
        String currency,
        Instant expiresAt,
        Instant paidAt,
        Instant cancelledAt,
        Instant createdAt,
        PaymentResponse payment) {

    /**
     * What the client needs to pay: for Stripe, confirm the PaymentIntent with {@code client_secret};
     * in test mode, {@code POST /api/v1/payments/test-mode/{provider_payment_id}/pay}.
     */
    record PaymentResponse(String provider, String providerPaymentId, String clientSecret, String status) {

        /** The client secret only while the order can still be paid; afterwards it is of no use to anyone. */
        static PaymentResponse of(PaymentIntent p, boolean payable) {
            return new PaymentResponse(
                    p.provider(),
                    p.providerPaymentId(),
                    payable ? p.clientSecret() : null,
                    p.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record LineResponse(UUID tierId, String tierName, int quantity, long unitPriceMinor, long lineTotalMinor) {}

    /** A page of orders. */
    record Page(List<OrderResponse> items, int page, int size, long totalItems, long totalPages) {

        static Page of(List<OrderResponse> items, int page, int size, long total) {
            return new Page(items, page, size, total, (total + size - 1) / size);
        }
    }

    static OrderResponse of(OrderPayments.Payable payable) {
        boolean open = payable.order().status() == org.ticketvendor.orders.OrderStatus.PENDING_PAYMENT;
        return of(
                payable.order(),
                payable.payment().map(p -> PaymentResponse.of(p, open)).orElse(null));
    }

    static OrderResponse of(Order o) {
        return of(o, null);
    }

    static OrderResponse of(Order o, PaymentResponse payment) {
        return new OrderResponse(
                o.id(),
                o.orderNumber(),
                o.status().value(),
                o.eventId(),
                o.lines().stream()
                        .map(l -> new LineResponse(
                                l.tierId(), l.tierName(), l.quantity(), l.unitPriceMinor(), l.totalMinor()))
                        .toList(),
                o.subtotalMinor(),
                o.feesMinor(),
                o.totalMinor(),
                o.currency(),
                o.status() == org.ticketvendor.orders.OrderStatus.PENDING_PAYMENT ? o.expiresAt() : null,
                o.paidAt(),
                o.cancelledAt(),
                o.createdAt(),
                payment);
    }
}

package org.ticketvendor.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.inventory.Holds;
import org.ticketvendor.orders.persistence.OrderRepository;
import org.ticketvendor.orders.persistence.OrderRepository.RefundDue;
import org.ticketvendor.payments.PaymentIntent;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.PaymentSucceeded;
import org.ticketvendor.payments.Payments;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotCancellableException;
import org.ticketvendor.payments.PaymentsExceptions.RefundExceedsPaymentException;
import org.ticketvendor.platform.ApiException;

/**
 * Paying for orders. The order's id is its payment's reference. Provider calls happen outside
 * transactions; the effect of a successful payment (seats sold, order paid, tickets issued) happens
 * in the transaction that records the payment, whether the client confirmed it or a webhook did,
 * exactly once. A payment that succeeds after its order expired gets the seats back if they are
 * still there; otherwise a refund is recorded as owed and paid out by a retrying job.
 */
@Service
public class OrderPayments {

    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);
    private static final Duration REFUND_RETRY = Duration.ofMinutes(1);

    private final Orders orders;
    private final OrderRepository repository;
    private final Holds holds;
    private final Payments payments;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderPayments(
            Orders orders,
            OrderRepository repository,
            Holds holds,
            Payments payments,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.orders = orders;
        this.repository = repository;
        this.holds = holds;
        this.payments = payments;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** An order and what the client needs to pay it (absent for free orders or when the provider is down). */
    public record Payable(Order order, Optional<PaymentIntent> payment) {}

    /** Places the order, then opens its payment with the provider (outside the order's transaction). */
    public Payable place(UUID buyer, java.util.List<Orders.Item> items, java.util.function.Consumer<UUID> created) {
        Order order = orders.place(buyer, items, created);
        return new Payable(order, startPayment(order));
    }

    /** As {@link #place}, taking over seats already held for the buyer (a waitlist offer). */
    public Payable placeOnHold(
            UUID buyer,
            java.util.List<Orders.Item> items,
            String heldReference,
            java.util.function.Consumer<UUID> created) {
        Order order = orders.placeOnHold(buyer, items, heldReference, created);
        return new Payable(order, startPayment(order));
    }

    /** The buyer's order with its payment as last recorded. */
    public Payable view(UUID buyer, UUID orderId) {
        Order order = orders.ofBuyer(buyer, orderId);
        return new Payable(order, payments.find(order.reference()));
    }

    /**
     * Asks the provider whether the order is paid; when it is, the order becomes paid (in the
     * transaction that records the payment). Safe to repeat.
     */
    public Payable confirm(UUID buyer, UUID orderId) {
        Order order = orders.ofBuyer(buyer, orderId);
        Optional<PaymentIntent> payment = payments.find(order.reference());
        if (order.status() == OrderStatus.PENDING_PAYMENT && order.totalMinor() > 0 && payment.isEmpty()) {
            startPayment(order);
        } else if (payment.isPresent() && open(payment.get().status())) {
            // Also for an order that ended meanwhile: a payment that still goes through must be seen
            // (and then gets the seats again or is refunded), not left to a webhook alone.
            payments.check(order.reference());
        }
        return view(buyer, orderId);
    }

    @EventListener
    @Transactional
    public void on(PaymentSucceeded paid) {
        UUID orderId;
        try {
            orderId = UUID.fromString(paid.reference());
        } catch (IllegalArgumentException notAnOrder) {
            return;
        }
        repository.lock(orderId).ifPresent(order -> {
            switch (order.status()) {
                case PENDING_PAYMENT -> paidWhilePending(order);
                case EXPIRED, CANCELLED -> paidTooLate(order, paid.amountMinor(), paid.currency());
                default -> log.debug("Payment for order {} already applied", orderId);
            }
        });
    }

    private void paidWhilePending(Order order) {
        if (holds.isActive(order.reference())) {
            orders.markPaid(order);
        } else {
            // The hold ran out a moment ago (the sweeper got there first): treat it as a late payment.
            paidTooLate(order, order.totalMinor(), order.currency());
        }
    }

    /** The seats were given back before the money arrived: take them again if possible, else refund. */
    private void paidTooLate(Order order, long amountMinor, String currency) {
        Map<UUID, Integer> seats = new LinkedHashMap<>();
        order.lines().forEach(l -> seats.put(l.tierId(), l.quantity()));
        String lateHold = order.reference() + ":late";
        if (holds.tryPlace(lateHold, seats).isPresent()) {
            holds.sell(lateHold);
            orders.recordPaid(order);
            log.info("Late payment for order {}: seats were still there", order.id());
        } else {
            repository.owe(order.id(), "late_payment", amountMinor, currency, "seats_gone_after_expiry", List.of());
            events.publishEvent(
                    OrderChanged.moved("refund_owed", order, order.status().value()));
            log.warn("Late payment for order {}: seats are gone, refund owed", order.id());
        }
    }

    /**
     * Pays out owed refunds; each claimed with SKIP LOCKED and sent with its own id as the provider's
     * idempotency key, so a retry after a crash never refunds twice. Retried with growing pauses.
     */
    @Scheduled(fixedDelayString = "${ticketvendor.orders.refund-interval:15s}", initialDelayString = "10s")
    public void payOwedRefunds() {
        for (RefundDue due : transactions.execute(s -> repository.claimRefundsDue(clock.instant(), 20))) {
            try {
                payments.refund(
                        due.orderId().toString(),
                        due.amountMinor(),
                        due.reason(),
                        due.id().toString());
                transactions.executeWithoutResult(s -> settle(due));
            } catch (RefundExceedsPaymentException alreadyBack) {
                // Someone refunded at the provider (its dashboard) meanwhile; pay only what is left.
                payRemainder(due, alreadyBack.refundableMinor());
            } catch (RuntimeException e) {
                log.warn("Refund {} of order {} failed; will retry", due.id(), due.orderId(), e);
                transactions.executeWithoutResult(s -> repository.refundFailed(
                        due.id(), e.getMessage(), clock.instant().plus(REFUND_RETRY.multipliedBy(due.attempts() + 1))));
            }
        }
    }

    private void payRemainder(RefundDue due, long refundableMinor) {
        log.warn(
                "Refund {} of order {}: only {} of {} left at the provider (refunded there); paying that",
                due.id(),
                due.orderId(),
                refundableMinor,
                due.amountMinor());
        try {
            if (refundableMinor > 0) {
                payments.refund(due.orderId().toString(), refundableMinor, due.reason(), due.id() + ":remainder");
            }
            transactions.executeWithoutResult(s -> settle(due));
        } catch (RuntimeException e) {
            log.warn("Refund {} of order {} failed; will retry", due.id(), due.orderId(), e);
            transactions.executeWithoutResult(s -> repository.refundFailed(
                    due.id(), e.getMessage(), clock.instant().plus(REFUND_RETRY.multipliedBy(due.attempts() + 1))));
        }
    }

    private void settle(RefundDue due) {
        repository.refundDone(due.id(), clock.instant());
        if ("late_payment".equals(due.kind())) {
            repository.lock(due.orderId()).ifPresent(order -> {
                repository.markRefundStatus(order.id(), OrderStatus.REFUNDED.value(), clock.instant());
                events.publishEvent(OrderChanged.moved(
                        "refunded",
                        repository.find(order.id()).orElseThrow(),
                        order.status().value()));
            });
        }
    }

    /**
     * Before an unpaid order expires, asks the provider: a payment that went through is applied
     * instead, one still processing is given time, and any other is cancelled first.
     *
     * @return true when the order may be expired now
     */
    boolean readyToExpire(Order order, Duration processingGrace) {
        Optional<PaymentIntent> payment = payments.find(order.reference());
        if (payment.isEmpty()) {
            return true;
        }
        if (payment.get().providerPaymentId() == null && payment.get().status() != PaymentStatus.SUCCEEDED) {
            // Never started at the provider (it failed or timed out each time): the buyer never got
            // anything to pay with, so there is nothing to ask. Checking would start the payment now,
            // and while the provider is down the order, and its seats, would wait for it.
            try {
                payments.cancel(order.reference());
                return true;
            } catch (PaymentNotCancellableException startedMeanwhile) {
                return false; // a confirm started it a moment ago: the next run asks the provider
            }
        }
        PaymentStatus status = payments.check(order.reference());
        if (status == PaymentStatus.SUCCEEDED) {
            return false;
        }
        if (status == PaymentStatus.PROCESSING
                && order.expiresAt().plus(processingGrace).isAfter(clock.instant())) {
            return false;
        }
        try {
            payments.cancel(order.reference());
            return true;
        } catch (ApiException settling) {
            return false;
        }
    }

    private static boolean open(PaymentStatus status) {
        return status != PaymentStatus.SUCCEEDED && status != PaymentStatus.CANCELLED && status != PaymentStatus.FAILED;
    }

    /**
     * Cancels a pending order for its buyer: the payment is cancelled at the provider first, so it
     * cannot succeed afterwards; a payment already going through makes the cancel a 409.
     */
    public Order cancel(UUID buyer, UUID orderId) {
        Order order = orders.ofBuyer(buyer, orderId);
        if (order.status() == OrderStatus.PENDING_PAYMENT
                && payments.find(order.reference()).isPresent()) {
            try {
                payments.cancel(order.reference());
            } catch (PaymentNotCancellableException settling) {
                // A provider that cannot be reached is not this: its 502/504 reaches the buyer as such.
                throw new OrderExceptions.OrderStateException(
                        "payment_in_progress", "The payment is already going through; confirm the order instead.");
            }
        }
        return orders.cancel(buyer, orderId);
    }

    private Optional<PaymentIntent> startPayment(Order order) {
        if (order.totalMinor() == 0 || order.status() != OrderStatus.PENDING_PAYMENT) {
            return Optional.empty();
        }
        try {
            return Optional.of(payments.start(order.reference(), order.totalMinor(), order.currency()));
        } catch (RuntimeException providerDown) {
            log.warn("Could not open the payment of order {}; confirm will retry", order.id(), providerDown);
            return Optional.empty();
        }
    }
}

package org.ticketvendor.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.ticketvendor.orders.domain.OrderStatus;
import org.ticketvendor.orders.persistence.OrderRepository;
import org.ticketvendor.orders.persistence.OrderRepository.RefundDue;
import org.ticketvendor.payments.PaymentIntent;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.PaymentSucceeded;
import org.ticketvendor.payments.Payments;
import org.ticketvendor.payments.PaymentsExceptions;
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
    public Payable place(UUID buyer, java.util.List<Orders.Item> items) {
        Order order = orders.place(buyer, items);
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
        if (order.status() == OrderStatus.PENDING_PAYMENT && order.totalMinor() > 0) {
            if (payments.find(order.reference()).isEmpty()) {
                startPayment(order);
            } else {
                payments.check(order.reference());
            }
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
            repository.owe(order.id(), amountMinor, currency, "seats_gone_after_expiry");
            events.publishEvent(
                    OrderChanged.moved("refund_owed", order, order.status().value()));
            log.warn("Late payment for order {}: seats are gone, refund owed", order.id());
        }
    }

    /** Pays out owed refunds; each claimed with SKIP LOCKED, retried until the provider accepts. */
    @Scheduled(fixedDelayString = "${ticketvendor.orders.refund-interval:15s}", initialDelayString = "10s")
    public void payOwedRefunds() {
        for (RefundDue due : transactions.execute(s -> repository.claimRefundsDue(clock.instant(), 20))) {
            try {
                try {
                    payments.refund(due.orderId().toString(), due.amountMinor(), due.reason());
                } catch (PaymentsExceptions.RefundExceedsPaymentException alreadyRefunded) {
                    // An earlier attempt reached the provider but not our books (a crash in between):
                    // the money is back with the buyer, so the debt is settled.
                    log.info("Refund for order {} was already made", due.orderId());
                }
                transactions.executeWithoutResult(s -> {
                    repository.refundDone(due.orderId(), clock.instant());
                    repository.markRefunded(due.orderId(), clock.instant());
                    repository
                            .find(due.orderId())
                            .ifPresent(o -> events.publishEvent(OrderChanged.moved("refunded", o, "expired")));
                });
            } catch (RuntimeException e) {
                log.warn("Refund for order {} failed; will retry", due.orderId(), e);
                transactions.executeWithoutResult(s -> repository.refundFailed(
                        due.orderId(),
                        e.getMessage(),
                        clock.instant().plus(REFUND_RETRY.multipliedBy(due.attempts() + 1))));
            }
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

    private Optional<PaymentIntent> startPayment(Order order) {
        if (order.totalMinor() == 0 || order.status() != OrderStatus.PENDING_PAYMENT) {
            return Optional.empty();
        }
        try {
            return Optional.of(payments.start(order.reference(), order.totalMinor(), order.currency()));
        } catch (ApiException providerDown) {
            log.warn("Could not open the payment of order {}; confirm will retry", order.id(), providerDown);
            return Optional.empty();
        }
    }
}

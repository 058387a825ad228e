package org.ticketvendor.orders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Orders settings ({@code ticketvendor.orders.*}).
 *
 * @param maxTicketsPerBuyerPerEvent tickets one buyer may hold or own for one event, across orders
 * @param idempotencyKeyTtl how long an Idempotency-Key and its response are remembered
 */
@Validated
@ConfigurationProperties("ticketvendor.orders")
public record OrdersSettings(
        @DefaultValue("10") @Min(1) @Max(1000) int maxTicketsPerBuyerPerEvent,
        @DefaultValue("24h") Duration idempotencyKeyTtl) {}

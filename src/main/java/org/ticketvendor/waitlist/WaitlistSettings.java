package org.ticketvendor.waitlist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Waitlist settings ({@code ticketvendor.waitlist.*}).
 *
 * @param offerTtl how long an offer's seats are kept for the buyer to claim them
 * @param reminderBefore how long before an offer expires the buyer is reminded
 * @param batch how many tiers or offers one run of the offer job handles per step
 */
@Validated
@ConfigurationProperties("ticketvendor.waitlist")
public record WaitlistSettings(
        @DefaultValue("30m") Duration offerTtl,
        @DefaultValue("10m") Duration reminderBefore,
        @DefaultValue("100") @Min(1) @Max(10_000) int batch) {}

package org.ticketvendor.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inventory settings ({@code ticketvendor.inventory.*}).
 *
 * @param holdTtl how long a buyer has to pay before held seats return to sale
 * @param sweepGrace how long past its deadline a hold waits for its owner (the orders module, which
 *     first asks the payment provider) before the sweeper expires it on its own
 * @param sweepInterval how often the sweeper looks for holds to expire
 * @param sweepBatch how many holds one sweep claims at most
 * @param soldOutTtl how long a tier seen sold out is refused without asking the database (seats that
 *     come back clear it at once on every instance while Redis relays it, else after at most this long
 *     on the other instances); 0 switches the memory off
 */
@Validated
@ConfigurationProperties("ticketvendor.inventory")
public record InventorySettings(
        @DefaultValue("5m") Duration holdTtl,
        @DefaultValue("15m") Duration sweepGrace,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("200") @Min(1) @Max(10_000) int sweepBatch,
        @DefaultValue("2s") Duration soldOutTtl) {}

package org.ticketvendor.tickets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ticket settings ({@code ticketvendor.tickets.*}).
 *
 * @param signingSecret master secret the per-event QR signing keys are derived from, at least 32
 *     bytes; blank means a random secret is generated once and kept in the data directory. Set it
 *     when running several instances. Changing it invalidates every QR code already issued.
 * @param qrSize width and height of a rendered QR code in pixels, quiet zone included
 */
@Validated
@ConfigurationProperties("ticketvendor.tickets")
public record TicketsSettings(
        String signingSecret,
        @DefaultValue("400") @Min(200) @Max(1000) int qrSize) {

    @Override
    public String toString() {
        return "TicketsSettings[qrSize=" + qrSize + ", signingSecret=<redacted>]";
    }
}

package org.ticketvendor.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages of other origins may call the API from a browser ({@code ticketvendor.cors.*}).
 *
 * @param allowedOrigins exact origins ({@code https://shop.example.com}); empty, the default, lets no
 *     other origin in. Requests carry bearer tokens, never cookies, so credentials are never allowed.
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("ticketvendor.cors")
public record CorsSettings(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1h") Duration maxAge) {}

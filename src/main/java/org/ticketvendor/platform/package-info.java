/**
 * Platform: what every module stands on and no business rule lives in. Security configuration
 * (stateless bearer tokens), RFC 9457 problem details for every error, request ids, body limits,
 * rate limits (in process, or shared through the optional Redis), the embedded PostgreSQL launcher
 * and the clock. Depends on no business module; modules use its root types ({@link
 * org.ticketvendor.platform.ApiException}, {@link org.ticketvendor.platform.Auditable}, {@link
 * org.ticketvendor.platform.CurrentUser}, {@link org.ticketvendor.platform.PublicEndpoints}, {@link
 * org.ticketvendor.platform.RateLimited}, {@link org.ticketvendor.platform.Broadcasts}: best-effort
 * messages to the other instances, through the optional Redis).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.ticketvendor.platform;

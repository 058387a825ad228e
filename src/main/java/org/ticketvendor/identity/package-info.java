/**
 * Identity: users, promoter profiles, credentials, refresh tokens and the JWT access tokens every
 * other module trusts. Publishes {@link org.ticketvendor.identity.UserRegistered}, {@link
 * org.ticketvendor.identity.UserRoleChanged}, {@link org.ticketvendor.identity.LoginFailed}, {@link
 * org.ticketvendor.identity.PromoterProfileCreated} and {@link
 * org.ticketvendor.identity.RefreshTokenReuseDetected}, all audited. Depends only on the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.ticketvendor.identity;

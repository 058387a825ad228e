/**
 * Identity: users, promoter profiles, credentials, refresh tokens and the JWT access tokens every
 * other module trusts; admins search accounts, change roles and suspend accounts. Access tokens are
 * revocable at once through a per-account security version checked on every request from memory kept
 * exact by PostgreSQL notifications ({@code auth.TokenRevocations}). Publishes {@link
 * org.ticketvendor.identity.UserRegistered}, {@link org.ticketvendor.identity.UserRoleChanged},
 * {@link org.ticketvendor.identity.UserSuspended}, {@link org.ticketvendor.identity.UserReactivated},
 * {@link org.ticketvendor.identity.LoginFailed}, {@link
 * org.ticketvendor.identity.PromoterProfileCreated} and {@link
 * org.ticketvendor.identity.RefreshTokenReuseDetected}, all audited. Depends only on the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.ticketvendor.identity;

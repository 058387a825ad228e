package org.ticketvendor.platform;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of a request, taken from the verified access token.
 *
 * <p>Controllers receive it as a method parameter; it is never null there, because the security
 * filter chain rejects unauthenticated requests to protected endpoints first.
 *
 * @param id the user's id (the token's subject)
 * @param role the user's role when the token was issued: buyer, promoter, staff or admin
 */
public record CurrentUser(UUID id, String role) {

    public static final String ROLE_CLAIM = "role";

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** The caller of the current thread's request, if it carries a valid access token. */
    public static Optional<CurrentUser> fromSecurityContext() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return Optional.of(new CurrentUser(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString(ROLE_CLAIM)));
        }
        return Optional.empty();
    }
}

package org.ticketvendor.identity.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.ticketvendor.identity.IdentitySettings;
import org.ticketvendor.identity.domain.User;
import org.ticketvendor.platform.CurrentUser;

/**
 * Issues short-lived access tokens: subject = user id, plus the role, the account's security version
 * ({@value #SECURITY_VERSION_CLAIM}, see {@link TokenRevocations}) and a unique id.
 */
@Component
class AccessTokens {

    static final String SECURITY_VERSION_CLAIM = "sv";

    private final JwtEncoder encoder;
    private final IdentitySettings settings;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, IdentitySettings settings, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    String issue(User user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(user.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .claim(CurrentUser.ROLE_CLAIM, user.role().value())
                .claim(SECURITY_VERSION_CLAIM, user.securityVersion())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}

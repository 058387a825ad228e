package org.ticketvendor.identity.auth;

import java.time.Duration;

/** A fresh access token and the refresh token that can renew it. */
public record IssuedTokens(String accessToken, Duration accessTokenTtl, String refreshToken, Duration refreshTokenTtl) {

    @Override
    public String toString() {
        return "IssuedTokens[<redacted>]";
    }
}

package org.ticketvendor.identity.web;

import org.ticketvendor.identity.auth.IssuedTokens;

/** OAuth-style token response: bearer access token plus the refresh token that renews it. */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

    static TokenResponse of(IssuedTokens tokens) {
        return new TokenResponse(
                tokens.accessToken(),
                "Bearer",
                tokens.accessTokenTtl().toSeconds(),
                tokens.refreshToken(),
                tokens.refreshTokenTtl().toSeconds());
    }

    @Override
    public String toString() {
        return "TokenResponse[<redacted>]";
    }
}

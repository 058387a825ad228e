package org.ticketvendor.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.ticketvendor.platform.web.ProblemResponseWriter;
import org.ticketvendor.platform.web.Problems;

/**
 * 401 as a problem object. The {@code WWW-Authenticate} header is Spring's (RFC 6750), the body
 * says whether the token was missing or unacceptable, without saying which check failed.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponseWriter writer;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        bearer.commence(request, response, ex);
        boolean badToken = ex instanceof OAuth2AuthenticationException;
        writer.write(
                response,
                badToken
                        ? Problems.of(
                                HttpStatus.UNAUTHORIZED,
                                "invalid_token",
                                "Invalid access token",
                                "The access token is expired, revoked, malformed or not signed by us.")
                        : Problems.of(
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "Unauthorized",
                                "Send a valid access token as 'Authorization: Bearer <token>'."));
    }
}

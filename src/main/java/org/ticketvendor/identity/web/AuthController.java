package org.ticketvendor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.auth.Sessions;
import org.ticketvendor.identity.web.AuthRequests.LoginRequest;
import org.ticketvendor.identity.web.AuthRequests.RefreshRequest;
import org.ticketvendor.identity.web.AuthRequests.RegisterRequest;
import org.ticketvendor.platform.RateLimited;

@RestController
@RequestMapping(path = "/api/v1/auth", produces = "application/json")
@Tag(name = "auth", description = "Accounts and tokens")
class AuthController {

    private final Sessions sessions;

    AuthController(Sessions sessions) {
        this.sessions = sessions;
    }

    record RegisterResponse(UserResponse user, TokenResponse tokens) {}

    @PostMapping(path = "/register", consumes = "application/json")
    @RateLimited("register")
    @Operation(summary = "Create a buyer account and log it in")
    ResponseEntity<RegisterResponse> register(@Valid @RequestBody RegisterRequest body, HttpServletRequest request) {
        Sessions.Registered registered = sessions.register(
                new Accounts.Registration(body.email(), body.password(), body.fullName(), body.phone()),
                client(request));
        return ResponseEntity.created(URI.create("/api/v1/users/me"))
                .body(new RegisterResponse(
                        UserResponse.of(registered.account(), null), TokenResponse.of(registered.tokens())));
    }

    @PostMapping(path = "/login", consumes = "application/json")
    @RateLimited("login")
    @Operation(summary = "Exchange email and password for tokens")
    TokenResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        return TokenResponse.of(sessions.login(body.email(), body.password(), client(request)));
    }

    @PostMapping(path = "/refresh", consumes = "application/json")
    @RateLimited("refresh")
    @Operation(summary = "Rotate a refresh token into a new token pair")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest body, HttpServletRequest request) {
        return TokenResponse.of(sessions.refresh(body.refreshToken(), client(request)));
    }

    @PostMapping(path = "/logout", consumes = "application/json")
    @Operation(summary = "Revoke the refresh token and every token rotated from the same login")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest body) {
        sessions.logout(body.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private static Sessions.Client client(HttpServletRequest request) {
        return new Sessions.Client(request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
    }
}

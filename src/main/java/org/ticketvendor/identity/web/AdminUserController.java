package org.ticketvendor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.Accounts.AccountQuery;
import org.ticketvendor.identity.IdentityExceptions.AccountStateException;
import org.ticketvendor.identity.IdentityExceptions.UserNotFoundException;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.identity.web.AdminUserResponses.AdminUserResponse;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/admin/users", produces = "application/json")
@PreAuthorize("hasRole('admin')")
@Tag(name = "admin")
class AdminUserController {

    private static final List<String> STATUSES = List.of("active", "suspended");
    private static final String ROLES = "buyer, promoter, staff, admin";

    private final Accounts accounts;

    AdminUserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record RoleRequest(@NotNull Role role) {}

    record SuspendRequest(@NotBlank @Size(max = 500) String reason) {}

    /** A filter value that names nothing. */
    static final class InvalidUserFilterException extends ApiException {
        InvalidUserFilterException(String field, String allowed) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid_filter",
                    "Invalid filter",
                    "'" + field + "' must be one of: " + allowed + ".");
            with("errors", List.of(Map.of("field", field, "message", "must be one of: " + allowed)));
        }
    }

    @GetMapping
    @Operation(
            summary = "Search accounts, newest first (page-numbered from 0, at most 100 per page)",
            description = "q matches any part of the e-mail address or the full name, in any letter case.")
    AdminUserResponses.Page search(
            @Parameter(description = "part of the e-mail address or name")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String q,
            @Parameter(description = ROLES) @RequestParam(required = false) String role,
            @Parameter(description = "active or suspended") @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Role roleFilter = role == null ? null : parseRole(role);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidUserFilterException("status", String.join(", ", STATUSES));
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        return AdminUserResponses.Page.of(
                accounts.search(new AccountQuery(text, roleFilter, status), page, size), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A user's account")
    AdminUserResponse get(@PathVariable UUID id) {
        UserId userId = new UserId(id);
        return withProfile(accounts.find(userId).orElseThrow(UserNotFoundException::new));
    }

    @PutMapping(path = "/{id}/role", consumes = "application/json")
    @Operation(
            summary = "Change a user's role (audited)",
            description = "The user's access tokens stop working at once; refreshing gives one with the new role."
                    + " The last active admin keeps the role (409 last_admin).")
    AdminUserResponse changeRole(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody RoleRequest body) {
        if (caller.id().equals(id)) {
            throw new AccountStateException("own_role", "Admins cannot change their own role.");
        }
        return withProfile(accounts.changeRole(new UserId(id), body.role()));
    }

    @PostMapping(path = "/{id}/suspend", consumes = "application/json")
    @Operation(
            summary = "Suspend an account at once (audited)",
            description = "It can no longer log in (403 account_suspended), its refresh tokens are revoked and its"
                    + " access tokens are refused from the next request on, on every instance. Not your own"
                    + " account (409 own_account), not the last active admin (409 last_admin). Suspending a"
                    + " suspended account changes nothing.")
    AdminUserResponse suspend(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody SuspendRequest body) {
        return withProfile(accounts.suspend(
                new UserId(caller.id()), new UserId(id), body.reason().strip()));
    }

    @PostMapping("/{id}/reactivate")
    @Operation(
            summary = "Lift a suspension (audited)",
            description = "The user can log in again; tokens from before the suspension stay refused.")
    AdminUserResponse reactivate(@PathVariable UUID id) {
        return withProfile(accounts.reactivate(new UserId(id)));
    }

    private AdminUserResponse withProfile(Account account) {
        return AdminUserResponse.of(
                account, accounts.promoterProfile(account.id()).orElse(null));
    }

    private static Role parseRole(String value) {
        for (Role role : Role.values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new InvalidUserFilterException("role", ROLES);
    }
}

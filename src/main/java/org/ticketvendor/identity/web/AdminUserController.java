package org.ticketvendor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.IdentityExceptions.AccountStateException;
import org.ticketvendor.identity.IdentityExceptions.UserNotFoundException;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/admin/users", produces = "application/json")
@PreAuthorize("hasRole('admin')")
@Tag(name = "admin")
class AdminUserController {

    private final Accounts accounts;

    AdminUserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record RoleRequest(@NotNull Role role) {}

    @GetMapping("/{id}")
    @Operation(summary = "A user's account")
    UserResponse get(@PathVariable UUID id) {
        UserId userId = new UserId(id);
        Account account = accounts.find(userId).orElseThrow(UserNotFoundException::new);
        return UserResponse.of(account, accounts.promoterProfile(userId).orElse(null));
    }

    @PutMapping(path = "/{id}/role", consumes = "application/json")
    @Operation(summary = "Change a user's role (audited)")
    UserResponse changeRole(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody RoleRequest body) {
        if (caller.id().equals(id)) {
            throw new AccountStateException("own_role", "Admins cannot change their own role.");
        }
        UserId userId = new UserId(id);
        return UserResponse.of(
                accounts.changeRole(userId, body.role()),
                accounts.promoterProfile(userId).orElse(null));
    }
}

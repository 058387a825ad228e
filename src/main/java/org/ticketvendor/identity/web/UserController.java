package org.ticketvendor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.IdentityExceptions.UserNotFoundException;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/users", produces = "application/json")
@Tag(name = "users")
class UserController {

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's account, with the promoter profile when there is one")
    UserResponse me(CurrentUser caller) {
        UserId id = new UserId(caller.id());
        Account account = accounts.find(id).orElseThrow(UserNotFoundException::new);
        return UserResponse.of(account, accounts.promoterProfile(id).orElse(null));
    }
}

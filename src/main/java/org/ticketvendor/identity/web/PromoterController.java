package org.ticketvendor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.IdentityExceptions.PromoterProfileNotFoundException;
import org.ticketvendor.identity.PromoterDetails;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/promoters", produces = "application/json")
@Tag(name = "promoters", description = "Promoter profiles")
class PromoterController {

    private final Accounts accounts;

    PromoterController(Accounts accounts) {
        this.accounts = accounts;
    }

    record PromoterRequest(
            @NotBlank @Size(max = 200) String companyName,

            @NotBlank
            @Email(regexp = AuthRequests.EMAIL_SHAPE, message = "must be a well-formed email address")
            @Size(max = 254)
            String contactEmail,

            @Size(max = 40) @Pattern(regexp = "^\\+?[0-9 ()-]{4,40}$", message = "must be a phone number")
            String contactPhone,

            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            String website,

            @Size(max = 255)
            @Pattern(regexp = "^acct_[A-Za-z0-9]+$", message = "must be a Stripe account id (acct_...)")
            String stripeAccountId) {

        PromoterDetails details() {
            return new PromoterDetails(
                    companyName.strip(), contactEmail.strip(), contactPhone, website, stripeAccountId);
        }
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            summary = "Become a promoter: creates the caller's profile and grants the promoter role "
                    + "(refresh the access token to use it)")
    ResponseEntity<PromoterResponse> create(CurrentUser caller, @Valid @RequestBody PromoterRequest body) {
        PromoterResponse created =
                PromoterResponse.of(accounts.createPromoterProfile(new UserId(caller.id()), body.details()));
        return ResponseEntity.created(URI.create("/api/v1/promoters/me")).body(created);
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's promoter profile")
    PromoterResponse me(CurrentUser caller) {
        return accounts.promoterProfile(new UserId(caller.id()))
                .map(PromoterResponse::of)
                .orElseThrow(PromoterProfileNotFoundException::new);
    }

    @PutMapping(path = "/me", consumes = "application/json")
    @Operation(summary = "Replace the caller's promoter profile details")
    PromoterResponse update(CurrentUser caller, @Valid @RequestBody PromoterRequest body) {
        return PromoterResponse.of(accounts.updatePromoterProfile(new UserId(caller.id()), body.details()));
    }
}

package org.ticketvendor.identity.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.ticketvendor.identity.IdentitySettings;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.platform.Secrets;

/**
 * Access tokens are HS256 JWTs signed with one secret. The decoder accepts only HS256 with our
 * issuer and a subject, so unsigned ({@code alg=none}), re-signed or foreign tokens fail.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    static final int MIN_SECRET_BYTES = 32;

    @Bean
    SecretKey jwtSigningKey(IdentitySettings settings, PlatformSettings platform) throws IOException {
        byte[] secret = Secrets.configuredOrGenerated(
                settings.jwtSecret(),
                "ticketvendor.identity.jwt-secret (JWT_SECRET)",
                platform.dataDir().resolve("jwt-secret"),
                MIN_SECRET_BYTES);
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The secret kept in the data directory, so tokens survive restarts without configuration. */
    static byte[] generatedSecret(Path file) throws IOException {
        return Secrets.generated(file, 64, MIN_SECRET_BYTES);
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return NimbusJwtEncoder.withSecretKey(jwtSigningKey).build();
    }

    /**
     * Checks the token's form first (time, issuer, subject, role), then, only for a well-formed token,
     * whether it was revoked ({@link TokenRevocations}).
     */
    @Bean
    JwtDecoder jwtDecoder(
            SecretKey jwtSigningKey, IdentitySettings settings, java.time.Clock clock, TokenRevocations revocations) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // Our tokens always expire: one without "exp" is not ours. Time comes from the application clock.
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> form = new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(settings.issuer()),
                // Claims are tested as Objects: a well-signed token may carry any JSON there (a list, a
                // number), and a String-typed test would fail with a ClassCastException, a 500.
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && isUuid(s)),
                new JwtClaimValidator<Object>(
                        CurrentUser.ROLE_CLAIM, role -> role instanceof String r && ROLES.contains(r)));
        decoder.setJwtValidator(jwt -> {
            OAuth2TokenValidatorResult result = form.validate(jwt);
            return result.hasErrors() ? result : revocations.validate(jwt);
        });
        return decoder;
    }

    private static final Set<String> ROLES = Set.of("buyer", "promoter", "staff", "admin");

    private static boolean isUuid(String value) {
        try {
            java.util.UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Maps the {@code role} claim to the authority {@code ROLE_<role>}, for {@code hasRole('admin')}. */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(CurrentUser.ROLE_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    PasswordEncoder passwordEncoder(IdentitySettings settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
    }
}

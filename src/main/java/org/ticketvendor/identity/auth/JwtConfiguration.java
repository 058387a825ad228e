package org.ticketvendor.identity.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
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

/**
 * Access tokens are HS256 JWTs signed with one secret. The decoder accepts only HS256 with our
 * issuer and a subject, so unsigned ({@code alg=none}), re-signed or foreign tokens fail.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);
    static final int MIN_SECRET_BYTES = 32;

    @Bean
    SecretKey jwtSigningKey(IdentitySettings settings, PlatformSettings platform) throws IOException {
        byte[] secret;
        if (settings.jwtSecret() != null && !settings.jwtSecret().isBlank()) {
            secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("ticketvendor.identity.jwt-secret (JWT_SECRET) must be at least "
                        + MIN_SECRET_BYTES + " bytes");
            }
        } else {
            secret = generatedSecret(platform.dataDir().resolve("jwt-secret"));
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A random secret kept in the data directory, so tokens survive restarts without configuration. */
    static byte[] generatedSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).strip());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "jwt-secret", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File system without POSIX permissions; the JWT secret keeps default permissions");
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(secret));
        try {
            // Without REPLACE_EXISTING the move refuses an existing file: a concurrent winner is kept.
            Files.move(temp, file);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (Files.exists(file)) { // another instance on the same data directory won the race
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            throw e;
        }
        log.info("Generated a JWT signing secret in {}; set JWT_SECRET to share one across instances", file);
        return secret;
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return NimbusJwtEncoder.withSecretKey(jwtSigningKey).build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, IdentitySettings settings, java.time.Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // Our tokens always expire: one without "exp" is not ours. Time comes from the application clock.
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && isUuid(sub)),
                new JwtClaimValidator<String>(CurrentUser.ROLE_CLAIM, role -> role != null && ROLES.contains(role))));
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

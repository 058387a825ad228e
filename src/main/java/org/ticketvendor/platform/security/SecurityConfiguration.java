package org.ticketvendor.platform.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.ticketvendor.platform.PublicEndpoints;

/**
 * One stateless filter chain for the whole API: bearer access tokens (verified by the JwtDecoder the
 * identity module provides), no sessions, no CSRF (no cookies are used), and problem responses for
 * 401 and 403. Endpoints are private unless a module declares them in a {@link PublicEndpoints}
 * bean; role rules live next to the endpoints as {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            List<PublicEndpoints> publicEndpoints,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDeniedHandler)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler))
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    requests.requestMatchers(
                                    "/error",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus")
                            .permitAll();
                    for (PublicEndpoints endpoints : publicEndpoints) {
                        String[] patterns = endpoints.patterns().toArray(String[]::new);
                        HttpMethod method = endpoints.method();
                        if (method == null) {
                            requests.requestMatchers(patterns).permitAll();
                        } else {
                            requests.requestMatchers(method, patterns).permitAll();
                        }
                    }
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }
}

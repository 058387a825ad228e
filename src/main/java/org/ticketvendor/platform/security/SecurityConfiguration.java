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
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.ticketvendor.platform.PublicEndpoints;
import org.ticketvendor.platform.web.ProblemResponseWriter;

/**
 * One stateless filter chain for the whole API: bearer access tokens (verified by the JwtDecoder the
 * identity module provides), no sessions, no CSRF (no cookies are used), and problem responses for
 * 401 and 403. Endpoints are private unless a module declares them in a {@link PublicEndpoints}
 * bean; role rules live next to the endpoints as {@code @PreAuthorize}. Cross-origin browser access
 * is as {@link CorsSettings} says; answers carry Spring Security's headers (nosniff, frame denial,
 * no caching, HSTS over TLS) plus a Content-Security-Policy that lets an API answer load nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            List<PublicEndpoints> publicEndpoints,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDeniedHandler,
            CorsSettings cors,
            ProblemResponseWriter problems)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                // Spring's CorsFilter with our processor (refusals as problems), ahead of authentication
                // so that preflights, which carry no token, are answered.
                .cors(configurer -> configurer.disable())
                .addFilterAfter(CrossOrigin.filter(cors, problems), HeaderWriterFilter.class)
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(
                                        PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                                        PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"))),
                                new StaticHeadersWriter(
                                        "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))))
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
                    // Admin endpoints refuse other roles here, before the body or the parameters are
                    // read: a non-admin learns nothing from validation errors (AdminAccessIntegrationTests).
                    requests.requestMatchers("/api/v1/admin/**").hasRole("admin");
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }
}

package org.ticketvendor.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.CorsFilter;
import org.ticketvendor.platform.web.ProblemResponseWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cross-origin policy without configuration, the production default: no other origin is let in.
 * (The configured policy is tested over HTTP in {@code Api8SecurityMisconfigurationIntegrationTests}.)
 */
class CrossOriginTests {

    final CorsFilter filter = CrossOrigin.filter(new CorsSettings(List.of(), Duration.ofHours(1)), problems());

    @Test
    void withNoOriginConfiguredAPreflightIsRefusedWithAProblem() throws Exception {
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/api/v1/orders");
        preflight.addHeader("Origin", "https://shop.example.test");
        preflight.addHeader("Access-Control-Request-Method", "POST");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(preflight, response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"forbidden\"");
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(chain.getRequest()).as("the request goes no further").isNull();
    }

    @Test
    void withNoOriginConfiguredACrossOriginRequestIsServedWithoutCorsHeaders() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/events");
        request.addHeader("Origin", "https://shop.example.test");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(response.getHeaders("Vary")).contains("Origin");
    }

    @Test
    void requestsWithoutAnOriginPassUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getHeaderNames()).isEmpty();
    }

    private static ProblemResponseWriter problems() {
        try {
            var constructor = ProblemResponseWriter.class.getDeclaredConstructor(JsonMapper.class);
            constructor.setAccessible(true);
            return constructor.newInstance(JsonMapper.builder().build());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

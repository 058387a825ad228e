package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class RequestIdFilterTests {

    final RequestIdFilter filter =
            new RequestIdFilter(new ProblemResponseWriter(JsonMapper.builder().build()));

    @Test
    void turnsAnExceptionFromALaterFilterIntoAProblem() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/anything");
        request.addHeader("X-Request-Id", "req-42");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            throw new ServletException("boom inside a filter");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("req-42");
        assertThat(response.getContentAsString())
                .contains("\"code\":\"internal_error\"")
                .contains("\"request_id\":\"req-42\"")
                .doesNotContain("boom");
    }

    @Test
    void replacesUnsafeRequestIds() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader("X-Request-Id", "x".repeat(500));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {});

        assertThat(response.getHeader("X-Request-Id")).hasSize(36);
    }
}

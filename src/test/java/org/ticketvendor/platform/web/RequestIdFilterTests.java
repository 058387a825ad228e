package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
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
    void aFilterThatCouldNotReachTheDatabaseIsA503NotA500() throws Exception {
        // The access-token check reads an account it has not seen yet; during an outage that fails.
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/me");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            throw new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentAsString()).contains("\"status\":503");
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

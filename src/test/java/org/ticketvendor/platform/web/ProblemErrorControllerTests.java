package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.ticketvendor.platform.RequestContext;

class ProblemErrorControllerTests {

    final ProblemErrorController controller = new ProblemErrorController();

    @Test
    void answersContainerErrorsWithAProblemCarryingTheRequestId() {
        MockHttpServletRequest request = errorDispatch();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
        request.setAttribute(RequestContext.REQUEST_ID, "req-7");

        ResponseEntity<ProblemDetail> response = controller.error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getBody().getProperties())
                .containsEntry("code", "payload_too_large")
                .containsEntry("request_id", "req-7");
    }

    @Test
    void treatsAMissingOrNonErrorStatusAsA500() {
        MockHttpServletRequest request = errorDispatch();
        assertThat(controller.error(request).getStatusCode().value()).isEqualTo(500);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 200);
        assertThat(controller.error(request).getStatusCode().value()).isEqualTo(500);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 418);
        assertThat(controller.error(request).getBody().getProperties()).containsEntry("code", "http_418");
    }

    @Test
    void isNotFoundWhenRequestedDirectly() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        assertThat(request.getDispatcherType()).isEqualTo(DispatcherType.REQUEST);

        ResponseEntity<ProblemDetail> response = controller.error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().getProperties()).containsEntry("code", "not_found");
    }

    private static MockHttpServletRequest errorDispatch() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setDispatcherType(DispatcherType.ERROR);
        return request;
    }

    @Test
    void aFilterThatCouldNotReachTheDatabaseIsA503WithRetryAfter() {
        MockHttpServletRequest request = errorDispatch();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(
                RequestDispatcher.ERROR_EXCEPTION,
                new jakarta.servlet.ServletException(new org.springframework.jdbc.CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException("timeout"))));

        ResponseEntity<ProblemDetail> response = controller.error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(response.getBody().getProperties()).containsEntry("code", "unavailable");
    }

    @Test
    void otherFilterErrorsStay500() {
        MockHttpServletRequest request = errorDispatch();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("bug"));
        assertThat(controller.error(request).getStatusCode().value()).isEqualTo(500);
        assertThat(controller.error(request).getHeaders().getFirst("Retry-After"))
                .isNull();
    }
}

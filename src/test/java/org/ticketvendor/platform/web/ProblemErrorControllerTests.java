package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        MockHttpServletRequest request = new MockHttpServletRequest();
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
        MockHttpServletRequest request = new MockHttpServletRequest();
        assertThat(controller.error(request).getStatusCode().value()).isEqualTo(500);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 200);
        assertThat(controller.error(request).getStatusCode().value()).isEqualTo(500);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 418);
        assertThat(controller.error(request).getBody().getProperties()).containsEntry("code", "http_418");
    }
}

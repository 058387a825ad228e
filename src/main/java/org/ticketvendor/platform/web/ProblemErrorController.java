package org.ticketvendor.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.platform.RequestContext;

/**
 * Replaces the container's error page: errors that never reached a controller (a {@code sendError}
 * from a filter, a request the container rejects) still answer with a problem object.
 */
@RestController
@Hidden // The container's error page, not part of the API: kept out of the OpenAPI document.
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for directly, not forwarded by the container with an error: there is nothing here.
            status = HttpStatus.NOT_FOUND;
        } else if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        // A filter that needed the database (the access-token check) and could not reach it.
        boolean databaseDown = status == HttpStatus.INTERNAL_SERVER_ERROR
                && databaseUnavailable(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (databaseDown) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        ProblemDetail problem = StatusCodes.problem(status, null);
        // The error dispatch runs after the request filters cleared the logging context.
        Object requestId = request.getAttribute(RequestContext.REQUEST_ID);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (databaseDown) {
            response.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return response.body(problem);
    }

    private static boolean databaseUnavailable(Object error) {
        for (Throwable t = error instanceof Throwable thrown ? thrown : null; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

package org.ticketvendor.platform.web;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.platform.DatabaseFailures;

/**
 * Turns every exception that leaves a controller into a problem response with a stable code.
 * Framework errors (405, 415, 406, unknown routes) keep Spring's status and get our type, code and
 * request id; body-reading errors are explained per field; anything unexpected becomes a 500 that
 * says nothing about the internals but carries the request id that finds it in the log. Problems are
 * application/problem+json whatever the Accept header asks for (RFC 9110 allows an error in a type
 * the client did not list; an empty body helps nobody).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
        ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.title(), ex.detail());
        ex.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        Object retryAfter = ex.properties().get("retry_after_seconds");
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return problem(ex.status()).headers(headers).body(problem);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> handleAccessDenied(RuntimeException ex) {
        return problem(HttpStatus.FORBIDDEN).body(StatusCodes.problem(HttpStatus.FORBIDDEN, null));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleUnauthenticated(AuthenticationException ex) {
        return problem(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(StatusCodes.problem(HttpStatus.UNAUTHORIZED, null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected =
                ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST)
                .body(Problems.validation(List.of(new Problems.FieldError(
                        JsonNames.snakeCase(ex.getName()), "must be a valid " + expected.toLowerCase()))));
    }

    /**
     * A constraint caught what validation should have. Input the database refuses (a CHECK, a NUL byte,
     * a value out of range) is the client's error, 400; a uniqueness clash is a 409. Never a 500.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException ex) {
        String state = sqlState(ex);
        log.warn("Database constraint reached the web layer (SQLSTATE {})", state, ex);
        if (state != null && (state.equals("23514") || state.startsWith("22"))) {
            return problem(HttpStatus.BAD_REQUEST)
                    .body(
                            Problems.of(
                                    HttpStatus.BAD_REQUEST,
                                    "invalid_value",
                                    "Invalid value",
                                    "A value in the request is not acceptable (out of range or containing invalid characters)."));
        }
        return problem(HttpStatus.CONFLICT).body(StatusCodes.problem(HttpStatus.CONFLICT, null));
    }

    private static String sqlState(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Contention (a lock not granted in time, a deadlock victim): the request may simply be retried. */
    @ExceptionHandler({
        org.springframework.dao.PessimisticLockingFailureException.class,
        org.springframework.dao.QueryTimeoutException.class
    })
    ResponseEntity<ProblemDetail> handleContention(RuntimeException ex) {
        log.warn("Database contention", ex);
        return problem(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(StatusCodes.problem(HttpStatus.SERVICE_UNAVAILABLE, null));
    }

    /**
     * The database cannot be reached, no connection came free in time, or a connection broke under a
     * transaction (an outage, a restart, an overload): a clean 503 the client may retry, not a 500.
     * Creating requests carry an Idempotency-Key, so a retry after a commit whose outcome is unknown is safe.
     */
    @ExceptionHandler({
        org.springframework.dao.DataAccessResourceFailureException.class,
        org.springframework.transaction.CannotCreateTransactionException.class,
        org.springframework.transaction.TransactionSystemException.class
    })
    ResponseEntity<ProblemDetail> handleDatabaseUnavailable(RuntimeException ex) {
        return databaseUnavailable(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (DatabaseFailures.unavailable(ex)) {
            return databaseUnavailable(ex); // wrapped on its way here: still an outage, not a bug
        }
        log.error("Unhandled error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(StatusCodes.problem(HttpStatus.INTERNAL_SERVER_ERROR, null));
    }

    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", DatabaseFailures.describe(ex));
        return problem(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(StatusCodes.problem(HttpStatus.SERVICE_UNAVAILABLE, null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(e ->
                        errors.add(new Problems.FieldError(JsonNames.snakeCase(e.getField()), e.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(e -> errors.add(new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())));
        return problem(HttpStatus.BAD_REQUEST).headers(headers).body(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(
                            e -> errors.add(new Problems.FieldError(JsonNames.snakeCase(name), e.getDefaultMessage())));
        }
        return problem(HttpStatus.BAD_REQUEST).headers(headers).body(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(BodyReadingErrors.status(ex)).headers(headers).body(BodyReadingErrors.problem(ex));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given : null;
        String detail = problem != null && problem.getDetail() != null ? problem.getDetail() : null;
        ProblemDetail ours = StatusCodes.problem(statusCode, detail);
        if (problem != null && problem.getProperties() != null) {
            problem.getProperties().forEach((k, v) -> {
                if (ours.getProperties() == null || !ours.getProperties().containsKey(k)) {
                    ours.setProperty(k, v);
                }
            });
        }
        HttpHeaders withType = new HttpHeaders();
        withType.putAll(headers);
        withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, ours, withType, statusCode, request);
    }

    /**
     * A problem response, always {@code application/problem+json}: naming the type skips content
     * negotiation, which for an Accept header the API cannot serve (or cannot parse) had failed again
     * while writing the problem and left the response without a body.
     */
    private static ResponseEntity.BodyBuilder problem(HttpStatusCode status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}

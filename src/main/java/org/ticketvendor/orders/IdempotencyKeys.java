package org.ticketvendor.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.orders.OrderExceptions.IdempotencyKeyInFlightException;
import org.ticketvendor.orders.OrderExceptions.IdempotencyKeyRequiredException;
import org.ticketvendor.orders.OrderExceptions.IdempotencyKeyReusedException;
import org.ticketvendor.orders.persistence.IdempotencyRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key handling for requests that create money or inventory state. The same key with the
 * same request replays the first response; with a different request it is refused (422); while the
 * first is still running, the retry is told to wait (409). A request that fails forgets its key, so
 * the client may retry it. Keys are per user and operation and remembered for a day.
 */
@Service
public class IdempotencyKeys {

    private final IdempotencyRepository keys;
    private final OrdersSettings settings;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    IdempotencyKeys(
            IdempotencyRepository keys,
            OrdersSettings settings,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The first response of a request, or a replay of it. */
    public record Outcome(int status, String body, boolean replayed) {}

    /**
     * Runs the action once per key.
     *
     * @param request what identifies the request's content (its body, its path), hashed
     */
    public Outcome run(UUID user, String operation, String key, Object request, Supplier<ResponseEntity<?>> action) {
        return run(user, operation, key, request, attach -> action.get(), null);
    }

    /**
     * Runs the action once per key, for actions that create a resource: the action calls {@code
     * attach} with the new resource's id inside the transaction that creates it, so that if the
     * server dies before the response is stored, a retry answers with {@code show(id)} instead of
     * creating a second resource.
     */
    public Outcome run(
            UUID user,
            String operation,
            String key,
            Object request,
            Function<Consumer<UUID>, ResponseEntity<?>> action,
            Function<UUID, ResponseEntity<?>> show) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new IdempotencyKeyRequiredException();
        }
        byte[] hash = sha256(json.writeValueAsString(request));
        Instant now = clock.instant();
        Boolean claimed = transactions.execute(
                s -> keys.claim(user, operation, key, hash, now, now.plus(settings.idempotencyKeyTtl())));
        if (!Boolean.TRUE.equals(claimed)) {
            IdempotencyRepository.StoredKey stored =
                    keys.find(user, operation, key).orElseThrow(IdempotencyKeyInFlightException::new);
            if (!Arrays.equals(stored.requestHash(), hash)) {
                throw new IdempotencyKeyReusedException();
            }
            if ("completed".equals(stored.status())) {
                return new Outcome(stored.responseStatus(), stored.responseBody(), true);
            }
            if (stored.resourceId() == null || show == null) {
                throw new IdempotencyKeyInFlightException();
            }
            // The first request created its resource but its response was never stored: answer with it.
            ResponseEntity<?> created = show.apply(stored.resourceId());
            String body = json.writeValueAsString(created.getBody());
            transactions.executeWithoutResult(s ->
                    keys.complete(user, operation, key, created.getStatusCode().value(), body));
            return new Outcome(created.getStatusCode().value(), body, true);
        }
        ResponseEntity<?> response;
        try {
            response = action.apply(resource -> keys.attach(user, operation, key, resource));
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(s -> keys.forget(user, operation, key));
            throw e;
        }
        String body = json.writeValueAsString(response.getBody());
        transactions.executeWithoutResult(s ->
                keys.complete(user, operation, key, response.getStatusCode().value(), body));
        return new Outcome(response.getStatusCode().value(), body, false);
    }

    /** Forgets keys past their time, in bounded batches. */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${ticketvendor.orders.idempotency-cleanup-interval:1h}",
            initialDelayString = "1m")
    public int purgeExpired() {
        return transactions.execute(s -> keys.purgeExpired(clock.instant(), 5_000));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package org.ticketvendor.platform.storage;

import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/**
 * The object store failed (disk full or unwritable, bucket unreachable or refusing): a 503 the client may
 * retry. The adapter logs what failed; the client learns only that storage is unavailable.
 */
public class ObjectStorageException extends ApiException {

    public ObjectStorageException(Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "storage_unavailable",
                "Storage unavailable",
                "Files cannot be stored or read right now; try again later.");
        initCause(cause);
        with("retry_after_seconds", 5);
    }
}

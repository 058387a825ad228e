package org.ticketvendor.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires holds nobody came back for, so seats return to sale without anyone's help, also after a
 * crash or restart (the deadlines are in the database). Runs on every instance; SKIP LOCKED keeps
 * them from doing the same work.
 */
@Component
class HoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

    private final Holds holds;
    private final InventorySettings settings;

    HoldSweeper(Holds holds, InventorySettings settings) {
        this.holds = holds;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${ticketvendor.inventory.sweep-interval:10s}", initialDelayString = "5s")
    void sweep() {
        int expired;
        do {
            expired = holds.expireOverdue(settings.sweepGrace(), settings.sweepBatch());
            if (expired > 0) {
                log.info("Expired {} overdue holds", expired);
            }
        } while (expired == settings.sweepBatch());
    }
}

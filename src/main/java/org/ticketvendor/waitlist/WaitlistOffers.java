package org.ticketvendor.waitlist;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.catalog.TierForSale;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.inventory.Holds;
import org.ticketvendor.inventory.Inventory;
import org.ticketvendor.waitlist.persistence.WaitlistRepository;

/**
 * The offer job, safe on any number of instances: ends offers that ran out (their seats come free
 * for the next in line), offers free seats to waiting entries in queue order, and reminds buyers of
 * offers about to expire. Each tier is offered under its stock row's lock taken with SKIP LOCKED, and
 * every entry moves by a conditional update, so no two instances offer the same seats.
 */
@Component
public class WaitlistOffers {

    private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);

    private final WaitlistRepository entries;
    private final Waitlist waitlist;
    private final Inventory inventory;
    private final Holds holds;
    private final Tiers tiers;
    private final WaitlistSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WaitlistOffers(
            WaitlistRepository entries,
            Waitlist waitlist,
            Inventory inventory,
            Holds holds,
            Tiers tiers,
            WaitlistSettings settings,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.entries = entries;
        this.waitlist = waitlist;
        this.inventory = inventory;
        this.holds = holds;
        this.tiers = tiers;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One run: expire, offer, remind. */
    @Scheduled(fixedDelayString = "${ticketvendor.waitlist.interval:5s}", initialDelayString = "7s")
    public void run() {
        int expired = expireOffers();
        int offered = makeOffers();
        int reminded = remind();
        if (expired + offered + reminded > 0) {
            log.info("Waitlist: {} offers expired, {} made, {} reminded", expired, offered, reminded);
        }
    }

    /** Ends offers whose time ran out; their seats go to the next in line. */
    public int expireOffers() {
        Integer expired = transactions.execute(s -> {
            int count = 0;
            for (UUID id : entries.lockExpiredOffers(clock.instant(), settings.batch())) {
                Optional<WaitlistEntry> entry = entries.find(id);
                if (entry.isPresent()) {
                    waitlist.end(entry.get(), "expired", "offer_expired");
                    count++;
                }
            }
            return count;
        });
        return expired == null ? 0 : expired;
    }

    /**
     * Offers free seats of tiers with a queue: in queue order, each entry whose seats are all free
     * gets them held in its name for the offer's time; an entry wanting more than is free waits
     * while later, smaller ones are served. Tiers that cannot be bought now (their event suspended,
     * unpublished or gone, the tier hidden) get no offers: claiming one would be refused.
     */
    public int makeOffers() {
        Integer offered = transactions.execute(s -> {
            int count = 0;
            Map<UUID, Integer> offerable = inventory.lockOfferable(settings.batch());
            Map<UUID, TierForSale> selling = offerable.isEmpty() ? Map.of() : tiers.forSale(offerable.keySet());
            for (Map.Entry<UUID, Integer> tier : offerable.entrySet()) {
                TierForSale sale = selling.get(tier.getKey());
                if (sale == null || sale.hidden() || !sale.eventOnSale()) {
                    continue;
                }
                int free = tier.getValue();
                for (WaitlistEntry entry : entries.lockWaiting(tier.getKey(), settings.batch())) {
                    if (free == 0) {
                        break;
                    }
                    if (entry.quantity() <= free && offer(entry)) {
                        free -= entry.quantity();
                        count++;
                    }
                }
            }
            return count;
        });
        return offered == null ? 0 : offered;
    }

    private boolean offer(WaitlistEntry entry) {
        Instant now = clock.instant();
        Optional<Holds.Hold> hold =
                holds.offer(entry.holdReference(), entry.tierId(), entry.quantity(), settings.offerTtl());
        if (hold.isEmpty()) {
            return false;
        }
        if (!entries.markOffered(entry.id(), now, hold.get().expiresAt())) {
            throw new IllegalStateException("Waitlist entry " + entry.id() + " moved while locked");
        }
        events.publishEvent(
                WaitlistChanged.of("offered", entries.find(entry.id()).orElseThrow(), "waiting"));
        return true;
    }

    /** Reminds buyers whose offer expires soon, once each. */
    public int remind() {
        Integer reminded = transactions.execute(s -> {
            Instant now = clock.instant();
            int count = 0;
            for (UUID id : entries.claimReminders(now.plus(settings.reminderBefore()), now, settings.batch())) {
                entries.find(id).ifPresent(e -> events.publishEvent(WaitlistChanged.of("offer_expiring", e, null)));
                count++;
            }
            return count;
        });
        return reminded == null ? 0 : reminded;
    }
}

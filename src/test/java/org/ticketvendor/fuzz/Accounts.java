package org.ticketvendor.fuzz;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which account a valid request is sent as. The OpenAPI document does not say which role an endpoint
 * wants (the rules are {@code @PreAuthorize} in the controllers), so this knows: admin endpoints as the
 * admin, promoter endpoints as the promoter who owns the event concerned, buyer endpoints as the buyer
 * who owns the order, ticket or waitlist entry, public reads as anyone.
 */
final class Accounts {

    static final String BUYER_A = "buyerA";
    static final String BUYER_B = "buyerB";
    static final String PROMOTER_A = "promoterA";
    static final String PROMOTER_B = "promoterB";
    static final String STAFF = "staffA";
    static final String ADMIN = "adminF";
    static final String VICTIM = "victim";
    static final int VICTIMS = 6;

    private final World world;

    Accounts(World world) {
        this.world = world;
    }

    /** The account the endpoint is meant for, given the ids in its path; null = anonymous. */
    Identity natural(ApiSpec.Operation op, List<String> pathIds, RandomGenerator r) {
        String path = op.path();
        String first = pathIds.isEmpty() ? null : pathIds.get(0);
        if (path.startsWith("/api/v1/auth/") || path.contains("/webhooks/") || !path.startsWith("/api/")) {
            return null;
        }
        if (path.startsWith("/api/v1/admin/")) {
            return get(ADMIN);
        }
        boolean publicRead =
                op.method().equals("GET") && (path.startsWith("/api/v1/events") || path.startsWith("/api/v1/tiers"));
        if (publicRead) {
            return switch (r.nextInt(4)) {
                case 0, 1 -> null;
                case 2 -> promoterOf(first);
                default -> get(BUYER_A);
            };
        }
        if (path.equals("/api/v1/promoters")) {
            return get(VICTIM + r.nextInt(VICTIMS));
        }
        if (path.startsWith("/api/v1/promoters/me")) {
            return get(r.nextInt(4) == 0 ? PROMOTER_B : PROMOTER_A);
        }
        if (path.startsWith("/api/v1/promoter/") || path.startsWith("/api/v1/events") || path.endsWith("/refund")) {
            return r.nextInt(12) == 0 ? get(ADMIN) : promoterOf(first);
        }
        if (path.equals("/api/v1/checkin")) {
            int pick = r.nextInt(10);
            return get(pick < 5 ? STAFF : pick < 9 ? PROMOTER_A : ADMIN);
        }
        Identity owner = first == null ? null : world.identities.get(world.owner(first));
        if (owner != null) {
            return owner;
        }
        int pick = r.nextInt(10);
        return get(pick < 7 ? BUYER_A : pick < 9 ? BUYER_B : VICTIM + r.nextInt(VICTIMS));
    }

    /** Another account of the same kind (a buyer for a buyer, a promoter for a promoter), never the admin. */
    Identity other(Identity natural, RandomGenerator r) {
        if (natural == null) {
            return get(r.nextBoolean() ? BUYER_A : PROMOTER_A);
        }
        List<String> peers =
                switch (natural.role) {
                    case "promoter" -> List.of(PROMOTER_A, PROMOTER_B);
                    case "admin" -> List.of(BUYER_A, PROMOTER_A, STAFF);
                    case "staff" -> List.of(STAFF, BUYER_B);
                    default -> List.of(BUYER_A, BUYER_B);
                };
        for (int attempt = 0; attempt < 4; attempt++) {
            Identity candidate = get(peers.get(r.nextInt(peers.size())));
            if (candidate != natural) {
                return candidate;
            }
        }
        return get(natural.name.equals(BUYER_B) ? BUYER_A : BUYER_B);
    }

    /** The promoter owning the event an id belongs to (the event itself, or what relates to one). */
    private Identity promoterOf(String id) {
        if (id != null) {
            for (String candidate : new String[] {id, world.related(id, "event_id")}) {
                Identity owner = candidate == null ? null : world.identities.get(world.owner(candidate));
                if (owner != null && !owner.role.equals("buyer")) {
                    return owner;
                }
            }
        }
        return get(PROMOTER_A);
    }

    private Identity get(String name) {
        Identity identity = world.identities.get(name);
        if (identity == null) {
            throw new IllegalStateException("No account " + name);
        }
        return identity;
    }
}

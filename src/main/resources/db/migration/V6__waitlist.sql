-- Module: waitlist. Queue entries per tier and their time-limited offers.

create table waitlist (
    id               uuid        not null default gen_random_uuid(),
    event_id         uuid        not null,
    tier_id          uuid        not null,
    user_id          uuid        not null,
    quantity         int         not null default 1,
    status           text        not null default 'waiting',
    position         bigint      generated always as identity,
    offered_at       timestamptz,
    offer_expires_at timestamptz,
    claimed_at       timestamptz,
    cancelled_at     timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint waitlist_pkey primary key (id),
    constraint waitlist_event_id_fkey foreign key (event_id) references events (id),
    -- Composite key: the tier belongs to the same event.
    constraint waitlist_tier_id_fkey foreign key (tier_id, event_id)
        references ticket_tiers (id, event_id),
    constraint waitlist_user_id_fkey foreign key (user_id) references users (id),
    constraint waitlist_quantity_check check (quantity between 1 and 10),
    constraint waitlist_status_check check (status in ('waiting', 'offered', 'claimed', 'expired', 'cancelled')),
    constraint waitlist_offer_check
        check (status <> 'offered' or (offered_at is not null and offer_expires_at is not null)),
    constraint waitlist_offer_expires_at_check
        check (offer_expires_at is null or offered_at is null or offer_expires_at > offered_at)
);

-- One live entry per user and tier; finished entries do not block rejoining.
create unique index waitlist_tier_id_user_id_key on waitlist (tier_id, user_id)
    where status in ('waiting', 'offered');
create index waitlist_tier_id_status_position_idx on waitlist (tier_id, status, position);
create index waitlist_user_id_created_at_idx on waitlist (user_id, created_at desc);

create trigger waitlist_set_updated_at
    before update on waitlist
    for each row execute function set_updated_at();

comment on table waitlist is
    'waitlist: buyers queued per tier in position order; freed tickets become time-limited exclusive offers.';

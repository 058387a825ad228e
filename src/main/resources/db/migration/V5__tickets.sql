-- Module: tickets. Issued tickets and their check-in state.

create table tickets (
    id             uuid        not null default gen_random_uuid(),
    ticket_number  text        not null,
    order_id       uuid        not null,
    order_item_id  uuid        not null,
    event_id       uuid        not null,
    tier_id        uuid        not null,
    holder_user_id uuid        not null,
    status         text        not null default 'valid',
    checked_in_at  timestamptz,
    checked_in_by  uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint tickets_pkey primary key (id),
    constraint tickets_ticket_number_key unique (ticket_number),
    constraint tickets_order_id_fkey foreign key (order_id) references orders (id),
    -- Composite keys: the item belongs to the same order, the tier to the same event.
    constraint tickets_order_item_id_fkey foreign key (order_item_id, order_id)
        references order_items (id, order_id),
    constraint tickets_event_id_fkey foreign key (event_id) references events (id),
    constraint tickets_tier_id_fkey foreign key (tier_id, event_id)
        references ticket_tiers (id, event_id),
    constraint tickets_holder_user_id_fkey foreign key (holder_user_id) references users (id),
    constraint tickets_checked_in_by_fkey foreign key (checked_in_by) references users (id),
    constraint tickets_ticket_number_check check (char_length(ticket_number) between 1 and 64),
    constraint tickets_status_check check (status in ('valid', 'checked_in', 'cancelled', 'refunded')),
    constraint tickets_checked_in_at_check check ((status = 'checked_in') = (checked_in_at is not null)),
    constraint tickets_checked_in_by_check check (checked_in_by is null or checked_in_at is not null)
);

create index tickets_order_id_idx on tickets (order_id);
create index tickets_event_id_status_idx on tickets (event_id, status);
create index tickets_holder_user_id_idx on tickets (holder_user_id);

create trigger tickets_set_updated_at
    before update on tickets
    for each row execute function set_updated_at();

comment on table tickets is
    'tickets: one row per admission issued for a paid order; checked in exactly once (status checked_in <=> checked_in_at set).';

-- Module: inventory. Holds: seats set aside for a buyer for a few minutes while they pay. The seats
-- themselves are counted in tier_stock.held; these rows say whose they are and until when, so that
-- expiry can give them back without anyone's help, also after a crash.

create table holds (
    id           uuid        not null default gen_random_uuid(),
    reference    text        not null,
    status       text        not null default 'active',
    expires_at   timestamptz not null,
    released_at  timestamptz,
    converted_at timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint holds_pkey primary key (id),
    constraint holds_reference_key unique (reference),
    constraint holds_reference_check check (char_length(reference) between 1 and 200),
    constraint holds_status_check check (status in ('active', 'converted', 'released', 'expired')),
    constraint holds_converted_at_check check ((status = 'converted') = (converted_at is not null)),
    constraint holds_released_at_check check ((status in ('released', 'expired')) = (released_at is not null))
);

create index holds_expiry_idx on holds (expires_at) where status = 'active';

create trigger holds_set_updated_at
    before update on holds
    for each row execute function set_updated_at();

create table hold_items (
    hold_id  uuid not null,
    tier_id  uuid not null,
    quantity int  not null,
    constraint hold_items_pkey primary key (hold_id, tier_id),
    constraint hold_items_hold_id_fkey foreign key (hold_id) references holds (id) on delete cascade,
    constraint hold_items_tier_id_fkey foreign key (tier_id) references tier_stock (tier_id),
    constraint hold_items_quantity_check check (quantity between 1 and 100)
);

create index hold_items_tier_id_idx on hold_items (tier_id);

comment on table holds is
    'inventory: seats set aside for an opaque reference (an order) until expires_at; active holds are counted in tier_stock.held.';
comment on table hold_items is 'inventory: how many seats of which tier a hold sets aside.';

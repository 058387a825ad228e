-- Module: inventory. Stock counters per ticket tier; the catalog owns the tier itself.

create table tier_stock (
    tier_id    uuid        not null,
    capacity   int         not null,
    sold       int         not null default 0,
    held       int         not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint tier_stock_pkey primary key (tier_id),
    constraint tier_stock_tier_id_fkey foreign key (tier_id) references ticket_tiers (id),
    constraint tier_stock_capacity_check check (capacity > 0 and capacity <= 1000000),
    constraint tier_stock_sold_check check (sold >= 0),
    constraint tier_stock_held_check check (held >= 0),
    -- The last line of defence: the application decides with conditional updates and never
    -- expects this to fire.
    constraint tier_stock_not_oversold check (sold + held <= capacity)
);

create trigger tier_stock_set_updated_at
    before update on tier_stock
    for each row execute function set_updated_at();

comment on table tier_stock is
    'inventory: capacity, sold and held seats per ticket tier (keyed by the catalog''s tier id); sold + held never exceeds capacity.';

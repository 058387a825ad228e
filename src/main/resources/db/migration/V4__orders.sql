-- Module: orders. Orders and their line items.

create table orders (
    id            uuid        not null default gen_random_uuid(),
    order_number  text        not null,
    user_id       uuid        not null,
    event_id      uuid        not null,
    status        text        not null default 'pending',
    subtotal_minor bigint     not null,
    fees_minor    bigint      not null default 0,
    total_minor   bigint      not null,
    currency      char(3)     not null,
    expires_at    timestamptz,
    paid_at       timestamptz,
    cancelled_at  timestamptz,
    refunded_at   timestamptz,
    metadata      jsonb       not null default '{}',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint orders_pkey primary key (id),
    constraint orders_order_number_key unique (order_number),
    constraint orders_user_id_fkey foreign key (user_id) references users (id),
    constraint orders_event_id_fkey foreign key (event_id) references events (id),
    constraint orders_order_number_check check (order_number ~ '^TV-[0-9A-Z]{6,20}$'),
    constraint orders_status_check check (status in
        ('pending', 'paid', 'cancelled', 'expired', 'refunded', 'partially_refunded')),
    constraint orders_subtotal_minor_check check (subtotal_minor >= 0),
    constraint orders_fees_minor_check check (fees_minor >= 0),
    constraint orders_total_minor_check check (total_minor = subtotal_minor + fees_minor),
    constraint orders_currency_check check (currency ~ '^[A-Z]{3}$'),
    constraint orders_paid_at_check check (status <> 'paid' or paid_at is not null),
    constraint orders_cancelled_at_check check (status <> 'cancelled' or cancelled_at is not null),
    constraint orders_refunded_at_check check (status <> 'refunded' or refunded_at is not null),
    constraint orders_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create index orders_user_id_created_at_idx on orders (user_id, created_at desc);
create index orders_event_id_status_idx on orders (event_id, status);
create index orders_pending_expires_at_idx on orders (expires_at) where status = 'pending';

create trigger orders_set_updated_at
    before update on orders
    for each row execute function set_updated_at();

comment on table orders is
    'orders: a buyer''s purchase for one event; pending orders hold stock until expires_at.';

create table order_items (
    id               uuid        not null default gen_random_uuid(),
    order_id         uuid        not null,
    tier_id          uuid        not null,
    quantity         int         not null,
    unit_price_minor bigint      not null,
    currency         char(3)     not null,
    line_total_minor bigint      generated always as (quantity * unit_price_minor) stored,
    created_at       timestamptz not null default now(),
    constraint order_items_pkey primary key (id),
    -- Target of the tickets composite foreign key that pins an item to its order.
    constraint order_items_id_order_id_key unique (id, order_id),
    constraint order_items_order_id_tier_id_key unique (order_id, tier_id),
    constraint order_items_order_id_fkey foreign key (order_id)
        references orders (id) on delete cascade,
    constraint order_items_tier_id_fkey foreign key (tier_id) references ticket_tiers (id),
    constraint order_items_quantity_check check (quantity > 0 and quantity <= 100),
    constraint order_items_unit_price_minor_check check (unit_price_minor >= 0),
    constraint order_items_currency_check check (currency ~ '^[A-Z]{3}$')
);

create index order_items_tier_id_idx on order_items (tier_id);

comment on table order_items is
    'orders: one line per tier in an order, with the unit price captured at purchase time.';

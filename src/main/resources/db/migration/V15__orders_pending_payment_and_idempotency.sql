-- Module: orders. An order waits for payment as 'pending_payment' (the API's word), and requests
-- that create money or inventory state carry an Idempotency-Key remembered for 24 hours.

alter table orders drop constraint orders_status_check;
alter table orders alter column status set default 'pending_payment';
alter table orders add constraint orders_status_check check (status in
    ('pending_payment', 'paid', 'cancelled', 'expired', 'refunded', 'partially_refunded'));
alter table orders add constraint orders_pending_expires_at_check
    check (status <> 'pending_payment' or expires_at is not null);
drop index orders_pending_expires_at_idx;
create index orders_pending_expires_at_idx on orders (expires_at) where status = 'pending_payment';

create table idempotency_keys (
    user_id         uuid        not null,
    operation       text        not null,
    key             text        not null,
    request_hash    bytea       not null,
    status          text        not null default 'in_flight',
    response_status int,
    response_body   jsonb,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    constraint idempotency_keys_pkey primary key (user_id, operation, key),
    constraint idempotency_keys_user_id_fkey foreign key (user_id) references users (id),
    constraint idempotency_keys_key_check check (char_length(key) between 1 and 255),
    constraint idempotency_keys_operation_check check (char_length(operation) between 1 and 100),
    constraint idempotency_keys_request_hash_check check (octet_length(request_hash) = 32),
    constraint idempotency_keys_status_check check (status in ('in_flight', 'completed')),
    constraint idempotency_keys_completed_check
        check (status <> 'completed' or (response_status is not null and response_body is not null))
);

create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);

comment on table idempotency_keys is
    'orders: Idempotency-Key per user and operation: the request hash, and once done the response to replay.';

-- The tier's name is kept with the price snapshot: a receipt shows what was bought, as it was named.
alter table order_items add column tier_name text not null default '';
alter table order_items alter column tier_name drop default;
alter table order_items add constraint order_items_tier_name_check check (char_length(tier_name) between 1 and 100);

-- Module: orders. Refunds the orders module owes: requested by a promoter or admin (some or all
-- tickets of a paid order), or for a payment that succeeded after its order expired and whose seats
-- were gone. Written in the transaction that decides them, paid out by a job afterwards (the
-- provider is never called inside a transaction) with the row's id as the provider's idempotency
-- key, and retried until done.

create table order_refunds (
    id              uuid        not null default gen_random_uuid(),
    order_id        uuid        not null,
    kind            text        not null,
    amount_minor    bigint      not null,
    currency        char(3)     not null,
    reason          text        not null,
    ticket_ids      uuid[]      not null default '{}',
    status          text        not null default 'pending',
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    done_at         timestamptz,
    created_at      timestamptz not null default now(),
    constraint order_refunds_pkey primary key (id),
    constraint order_refunds_order_id_fkey foreign key (order_id) references orders (id),
    constraint order_refunds_kind_check check (kind in ('requested', 'late_payment')),
    constraint order_refunds_amount_minor_check check (amount_minor > 0),
    constraint order_refunds_currency_check check (currency ~ '^[A-Z]{3}$'),
    constraint order_refunds_reason_check check (char_length(reason) between 1 and 200),
    constraint order_refunds_status_check check (status in ('pending', 'done')),
    constraint order_refunds_done_at_check check ((status = 'done') = (done_at is not null)),
    constraint order_refunds_attempts_check check (attempts >= 0)
);

-- A late payment is refunded once per order.
create unique index order_refunds_late_payment_key on order_refunds (order_id) where kind = 'late_payment';
create index order_refunds_due_idx on order_refunds (next_attempt_at) where status = 'pending';
create index order_refunds_order_id_idx on order_refunds (order_id);

comment on table order_refunds is
    'orders: refunds owed (requested or for late payments without seats); drained by a SKIP LOCKED job.';

-- Module: orders. Refunds the orders module owes: a payment that succeeded after its order expired
-- and whose seats were gone. Written in the transaction that learns of the payment, carried out by a
-- job afterwards (the provider is never called inside a transaction), retried until it is done.

create table order_refunds_due (
    order_id        uuid        not null,
    amount_minor    bigint      not null,
    currency        char(3)     not null,
    reason          text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    done_at         timestamptz,
    created_at      timestamptz not null default now(),
    constraint order_refunds_due_pkey primary key (order_id),
    constraint order_refunds_due_order_id_fkey foreign key (order_id) references orders (id),
    constraint order_refunds_due_amount_minor_check check (amount_minor > 0),
    constraint order_refunds_due_currency_check check (currency ~ '^[A-Z]{3}$'),
    constraint order_refunds_due_reason_check check (char_length(reason) between 1 and 200),
    constraint order_refunds_due_attempts_check check (attempts >= 0)
);

create index order_refunds_due_next_attempt_idx on order_refunds_due (next_attempt_at) where done_at is null;

comment on table order_refunds_due is
    'orders: refunds owed for late payments whose seats were gone; drained by a SKIP LOCKED job.';

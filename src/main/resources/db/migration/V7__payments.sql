-- Module: payments. Charges and refunds with the provider, and received webhook events.

create table payment_transactions (
    id                  uuid        not null default gen_random_uuid(),
    reference           text        not null,
    provider            text        not null,
    kind                text        not null,
    provider_payment_id text,
    status              text        not null default 'pending',
    amount_minor        bigint      not null,
    currency            char(3)     not null,
    failure_code        text,
    failure_message     text,
    idempotency_key     text,
    raw                 jsonb       not null default '{}',
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint payment_transactions_pkey primary key (id),
    constraint payment_transactions_idempotency_key_key unique (idempotency_key),
    constraint payment_transactions_reference_check check (char_length(reference) between 1 and 200),
    constraint payment_transactions_provider_check check (provider in ('stripe', 'test')),
    constraint payment_transactions_kind_check check (kind in ('charge', 'refund')),
    constraint payment_transactions_status_check check (status in
        ('pending', 'requires_action', 'succeeded', 'failed', 'cancelled')),
    constraint payment_transactions_amount_minor_check check (amount_minor > 0),
    constraint payment_transactions_currency_check check (currency ~ '^[A-Z]{3}$')
);

create unique index payment_transactions_provider_payment_id_key
    on payment_transactions (provider, provider_payment_id)
    where provider_payment_id is not null;
create index payment_transactions_reference_idx on payment_transactions (reference);

create trigger payment_transactions_set_updated_at
    before update on payment_transactions
    for each row execute function set_updated_at();

comment on table payment_transactions is
    'payments: one row per charge or refund; reference is opaque to this module (it never knows orders).';

create table payment_webhook_events (
    provider    text        not null,
    event_id    text        not null,
    type        text        not null,
    received_at timestamptz not null default now(),
    payload     jsonb       not null,
    constraint payment_webhook_events_pkey primary key (provider, event_id),
    constraint payment_webhook_events_provider_check check (provider in ('stripe', 'test'))
);

comment on table payment_webhook_events is
    'payments: provider webhook events already processed; the primary key makes replays no-ops when inserted in the same transaction as their effect.';

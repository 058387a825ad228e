-- Module: payments. What V7 lacks for payment intents: the 'processing' status (a payment the
-- provider is still settling), the client secret a repeated start hands back, one charge per
-- reference, and the state of the built-in test-mode provider, kept in the database (not in memory)
-- so that it works across instances and restarts.

alter table payment_transactions drop constraint payment_transactions_status_check;
alter table payment_transactions add constraint payment_transactions_status_check check (status in
    ('pending', 'requires_action', 'processing', 'succeeded', 'failed', 'cancelled'));

alter table payment_transactions add column client_secret text;

create unique index payment_transactions_charge_reference_key
    on payment_transactions (reference)
    where kind = 'charge';

comment on column payment_transactions.provider_payment_id is
    'payments: the provider''s id of this transaction: the payment intent (pi_..., tm_pi_...) for a charge, the refund (re_..., tm_re_...) for a refund.';
comment on column payment_transactions.client_secret is
    'payments: the charge''s client secret, handed to the paying client; never logged.';

-- The test-mode provider's side: what Stripe would keep for us. Never used when Stripe keys are set.
create table payment_test_mode_intents (
    id              text        not null,
    idempotency_key text        not null,
    client_secret   text        not null,
    reference       text        not null,
    amount_minor    bigint      not null,
    currency        char(3)     not null,
    status          text        not null default 'requires_payment_method',
    payment_method  text,
    last_error_code text,
    settles_at      timestamptz,
    refunded_minor  bigint      not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint payment_test_mode_intents_pkey primary key (id),
    constraint payment_test_mode_intents_idempotency_key_key unique (idempotency_key),
    constraint payment_test_mode_intents_id_check check (id ~ '^tm_pi_[A-Za-z0-9]+$'),
    constraint payment_test_mode_intents_status_check check (status in
        ('requires_payment_method', 'processing', 'succeeded', 'canceled')),
    constraint payment_test_mode_intents_amount_minor_check check (amount_minor > 0),
    constraint payment_test_mode_intents_refunded_minor_check check (refunded_minor between 0 and amount_minor),
    constraint payment_test_mode_intents_settles_at_check check ((status = 'processing') = (settles_at is not null))
);

create trigger payment_test_mode_intents_set_updated_at
    before update on payment_test_mode_intents
    for each row execute function set_updated_at();

create table payment_test_mode_refunds (
    id              text        not null,
    idempotency_key text        not null,
    intent_id       text        not null,
    amount_minor    bigint      not null,
    created_at      timestamptz not null default now(),
    constraint payment_test_mode_refunds_pkey primary key (id),
    constraint payment_test_mode_refunds_idempotency_key_key unique (idempotency_key),
    constraint payment_test_mode_refunds_intent_id_fkey foreign key (intent_id)
        references payment_test_mode_intents (id),
    constraint payment_test_mode_refunds_amount_minor_check check (amount_minor > 0)
);

create index payment_test_mode_refunds_intent_id_idx on payment_test_mode_refunds (intent_id);

comment on table payment_test_mode_intents is
    'payments: the built-in test-mode provider''s payment intents (tm_pi_...); no money moves. Unused with Stripe.';
comment on table payment_test_mode_refunds is
    'payments: the built-in test-mode provider''s refunds (tm_re_...), one per idempotency key.';

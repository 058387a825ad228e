-- Module: notifications. E-mail outbox drained by a worker with retries.

create table email_notifications (
    id                  uuid        not null default gen_random_uuid(),
    recipient           citext      not null,
    template            text        not null,
    subject             text        not null,
    body_text           text        not null,
    body_html           text,
    status              text        not null default 'pending',
    attempts            int         not null default 0,
    next_attempt_at     timestamptz not null default now(),
    last_error          text,
    sent_at             timestamptz,
    provider            text,
    provider_message_id text,
    dedupe_key          text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint email_notifications_pkey primary key (id),
    constraint email_notifications_dedupe_key_key unique (dedupe_key),
    constraint email_notifications_recipient_check check (length(recipient) between 3 and 254),
    constraint email_notifications_template_check check (char_length(template) between 1 and 100),
    constraint email_notifications_subject_check check (char_length(subject) <= 500),
    constraint email_notifications_status_check check (status in
        ('pending', 'sending', 'sent', 'failed', 'recorded')),
    constraint email_notifications_attempts_check check (attempts >= 0),
    constraint email_notifications_sent_at_check
        check (status not in ('sent', 'recorded') or sent_at is not null)
);

create index email_notifications_pending_next_attempt_at_idx on email_notifications (next_attempt_at)
    where status = 'pending';

create trigger email_notifications_set_updated_at
    before update on email_notifications
    for each row execute function set_updated_at();

comment on table email_notifications is
    'notifications: e-mail outbox; ''recorded'' means captured without sending (no mail configured).';

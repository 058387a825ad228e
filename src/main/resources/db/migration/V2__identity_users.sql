-- Module: identity. Users, promoter profiles, refresh tokens and login throttling.

create table users (
    id                uuid        not null default gen_random_uuid(),
    email             citext      not null,
    password_hash     text        not null,
    full_name         text        not null,
    phone             text,
    role              text        not null default 'buyer',
    status            text        not null default 'active',
    email_verified_at timestamptz,
    last_login_at     timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    deleted_at        timestamptz,
    constraint users_pkey primary key (id),
    constraint users_email_length_check check (length(email) <= 254),
    constraint users_email_format_check check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    constraint users_password_hash_check check (length(password_hash) > 0),
    constraint users_full_name_check check (char_length(full_name) between 1 and 200),
    constraint users_phone_check check (phone is null or char_length(phone) <= 40),
    constraint users_role_check check (role in ('buyer', 'promoter', 'staff', 'admin')),
    constraint users_status_check check (status in ('active', 'suspended'))
);

-- citext makes this case-insensitive; soft-deleted users free their address.
create unique index users_email_key on users (email) where deleted_at is null;

create trigger users_set_updated_at
    before update on users
    for each row execute function set_updated_at();

comment on table users is
    'identity: registered accounts (buyer, promoter, staff, admin); soft-deleted via deleted_at.';

create table promoters (
    id                uuid        not null default gen_random_uuid(),
    user_id           uuid        not null,
    company_name      text        not null,
    contact_email     citext      not null,
    contact_phone     text,
    website           text,
    stripe_account_id text,
    status            text        not null default 'active',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    deleted_at        timestamptz,
    constraint promoters_pkey primary key (id),
    constraint promoters_user_id_key unique (user_id),
    constraint promoters_user_id_fkey foreign key (user_id) references users (id),
    constraint promoters_company_name_check check (char_length(company_name) between 1 and 200),
    constraint promoters_contact_email_length_check check (length(contact_email) <= 254),
    constraint promoters_contact_email_format_check
        check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    constraint promoters_contact_phone_check
        check (contact_phone is null or char_length(contact_phone) <= 40),
    constraint promoters_website_check check (website is null or char_length(website) <= 2048),
    constraint promoters_stripe_account_id_check
        check (stripe_account_id is null or stripe_account_id ~ '^acct_[A-Za-z0-9]+$'),
    constraint promoters_status_check check (status in ('active', 'suspended'))
);

create trigger promoters_set_updated_at
    before update on promoters
    for each row execute function set_updated_at();

comment on table promoters is
    'identity: promoter profile, one per user; stripe_account_id is a placeholder for payouts.';

create table refresh_tokens (
    id          uuid        not null default gen_random_uuid(),
    user_id     uuid        not null,
    family_id   uuid        not null,
    token_hash  bytea       not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    replaced_by uuid,
    user_agent  text,
    ip          text,
    constraint refresh_tokens_pkey primary key (id),
    constraint refresh_tokens_token_hash_key unique (token_hash),
    constraint refresh_tokens_user_id_fkey foreign key (user_id)
        references users (id) on delete cascade,
    constraint refresh_tokens_replaced_by_fkey foreign key (replaced_by)
        references refresh_tokens (id) on delete set null,
    constraint refresh_tokens_token_hash_check check (octet_length(token_hash) = 32),
    constraint refresh_tokens_expires_at_check check (expires_at > created_at)
);

create index refresh_tokens_family_id_idx on refresh_tokens (family_id);
create index refresh_tokens_user_id_idx on refresh_tokens (user_id);

comment on table refresh_tokens is
    'identity: opaque refresh tokens stored as SHA-256 hashes; rotated on use, reuse revokes the family.';

create table login_throttle (
    email           citext      not null,
    failures        int         not null default 0,
    locked_until    timestamptz,
    last_failure_at timestamptz,
    updated_at      timestamptz not null default now(),
    constraint login_throttle_pkey primary key (email),
    constraint login_throttle_failures_check check (failures >= 0)
);

create trigger login_throttle_set_updated_at
    before update on login_throttle
    for each row execute function set_updated_at();

comment on table login_throttle is
    'identity: failed-login counters keyed by the e-mail typed at login, whether or not such a user exists (anti-enumeration).';

-- Module: identity. Admin suspension of accounts, access tokens that stop working at once, and the
-- admin's user search.
--
-- security_version is copied into every access token (claim "sv"); a token whose sv is not the
-- account's current value is refused. Suspending an account, or an admin changing its role,
-- increments it, so every access token issued before stops working at once although access tokens
-- are stateless JWTs (becoming a promoter, an upgrade the user asked for, does not).
-- Tokens issued before this migration carry no sv and count as 0, the value every account starts at.

alter table users
    add column security_version  int  not null default 0,
    add column suspended_at      timestamptz,
    add column suspension_reason text;

alter table users
    add constraint users_security_version_check check (security_version >= 0),
    add constraint users_suspension_reason_check
        check (suspension_reason is null or char_length(suspension_reason) between 1 and 500),
    -- Only a suspended account has a suspension time or reason.
    add constraint users_suspended_at_check
        check (status = 'suspended' or (suspended_at is null and suspension_reason is null));

-- Search by any part of the e-mail address or the name, in any letter case (ILIKE '%...%'):
-- trigram indexes serve it (pg_trgm is a trusted extension since PostgreSQL 13, so the database
-- owner can create it without superuser rights, as with citext in V1).
create extension if not exists pg_trgm;

-- GIN's pending list (fastupdate, the default) keeps registrations cheap; autovacuum merges it.
create index users_email_trgm_idx on users using gin ((email::text) gin_trgm_ops) where deleted_at is null;
create index users_full_name_trgm_idx on users using gin (full_name gin_trgm_ops) where deleted_at is null;
-- The admin's list, newest accounts first, without sorting the whole table.
create index users_created_at_idx on users (created_at desc, id desc) where deleted_at is null;

comment on column users.security_version is
    'identity: incremented when the account is suspended or an admin changes its role; access tokens carry it (claim sv) and are refused once it moved on.';

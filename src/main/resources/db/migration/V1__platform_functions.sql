-- Module: platform. Shared database building blocks used by every module's tables.

-- Case-insensitive text for e-mail addresses (trusted extension since PostgreSQL 13,
-- so the database owner can create it without superuser rights).
create extension if not exists citext;

-- Keeps updated_at maintained by the database, whatever the writer forgets.
create or replace function set_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

comment on function set_updated_at() is
    'BEFORE UPDATE row trigger: sets updated_at = now() on every update.';

-- Guards append-only tables (audit_log): any UPDATE, DELETE or TRUNCATE fails.
create or replace function forbid_change() returns trigger
    language plpgsql
as $$
begin
    raise exception '% on table % is forbidden: the table is append-only', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end;
$$;

comment on function forbid_change() is
    'BEFORE UPDATE/DELETE/TRUNCATE trigger for append-only tables: always raises restrict_violation.';

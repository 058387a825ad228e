-- Module: audit. Append-only audit trail of who did what to which entity.

create table audit_log (
    id            bigint      generated always as identity,
    occurred_at   timestamptz not null default now(),
    -- No foreign key: the audit trail outlives the rows it talks about.
    actor_user_id uuid,
    actor_role    text,
    action        text        not null,
    entity_type   text        not null,
    entity_id     text,
    before        jsonb,
    after         jsonb,
    request_id    text,
    ip            text,
    constraint audit_log_pkey primary key (id),
    constraint audit_log_action_check check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
    constraint audit_log_entity_type_check check (char_length(entity_type) between 1 and 100)
);

create index audit_log_entity_idx on audit_log (entity_type, entity_id, occurred_at desc);
create index audit_log_actor_user_id_idx on audit_log (actor_user_id, occurred_at desc);
create index audit_log_occurred_at_idx on audit_log (occurred_at desc);

create trigger audit_log_forbid_update_delete
    before update or delete on audit_log
    for each row execute function forbid_change();

create trigger audit_log_forbid_truncate
    before truncate on audit_log
    for each statement execute function forbid_change();

comment on table audit_log is
    'audit: append-only record of actions (e.g. user.registered); UPDATE, DELETE and TRUNCATE are rejected by triggers.';

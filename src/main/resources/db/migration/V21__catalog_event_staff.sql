-- Module: catalog. Door staff assigned to an event by its promoter (or an admin): accounts with the
-- staff role may check tickets in only for the events they are assigned to.

create table event_staff (
    event_id   uuid        not null,
    user_id    uuid        not null,
    added_by   uuid        not null,
    created_at timestamptz not null default now(),
    constraint event_staff_pkey primary key (event_id, user_id),
    constraint event_staff_event_id_fkey foreign key (event_id) references events (id),
    constraint event_staff_user_id_fkey foreign key (user_id) references users (id),
    constraint event_staff_added_by_fkey foreign key (added_by) references users (id)
);

create index event_staff_user_id_idx on event_staff (user_id);

comment on table event_staff is 'catalog: door staff per event; only they (and the promoter, admins) check tickets in.';

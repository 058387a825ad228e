-- Module: catalog. Every event sells in one currency (its tiers' prices are in it), and events and
-- tiers carry a version for optimistic concurrency (ETag / If-Match).

alter table events add column currency char(3) not null default 'EUR';
alter table events alter column currency drop default;
alter table events add constraint events_currency_check check (currency ~ '^[A-Z]{3}$');
alter table events add column version bigint not null default 0;
alter table events add constraint events_version_check check (version >= 0);

alter table ticket_tiers add column version bigint not null default 0;
alter table ticket_tiers add constraint ticket_tiers_version_check check (version >= 0);

-- Public browsing filters by city and category case-insensitively and sorts by start time.
create index events_city_idx on events (lower(city)) where deleted_at is null;
create index events_category_idx on events (lower(category)) where deleted_at is null;

comment on column events.version is 'catalog: incremented on every change; exposed as the ETag.';

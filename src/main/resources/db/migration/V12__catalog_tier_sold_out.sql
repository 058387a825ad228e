-- Module: catalog. A read model of the inventory's stock: whether each tier is sold out, kept in step
-- by the catalog from the inventory's StockLevelChanged events, so that public search can filter on
-- availability without reading the inventory's tables.

alter table ticket_tiers add column sold_out boolean not null default false;

create index ticket_tiers_available_idx on ticket_tiers (event_id)
    where deleted_at is null and status <> 'hidden' and not sold_out;

comment on column ticket_tiers.sold_out is
    'catalog read model of inventory stock (StockLevelChanged): true when nothing is left to hold.';

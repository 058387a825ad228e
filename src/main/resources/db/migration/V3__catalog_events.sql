-- Module: catalog. Events (with full-text search) and their ticket tiers.

create table events (
    id            uuid        not null default gen_random_uuid(),
    promoter_id   uuid        not null,
    title         text        not null,
    slug          text        not null,
    description   text        not null default '',
    category      text,
    venue_name    text        not null,
    venue_address text,
    city          text        not null,
    country       char(2),
    timezone      text        not null default 'UTC',
    starts_at     timestamptz not null,
    ends_at       timestamptz,
    status        text        not null default 'draft',
    published_at  timestamptz,
    suspended_at  timestamptz,
    image_url     text,
    metadata      jsonb       not null default '{}',
    search_vector tsvector    generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(category, '')), 'B')
        || setweight(to_tsvector('english', coalesce(venue_name, '')), 'B')
        || setweight(to_tsvector('english', coalesce(city, '')), 'B')
        || setweight(to_tsvector('english', coalesce(description, '')), 'C')
    ) stored,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    deleted_at    timestamptz,
    constraint events_pkey primary key (id),
    constraint events_promoter_id_fkey foreign key (promoter_id) references promoters (id),
    constraint events_title_check check (char_length(title) between 1 and 200),
    constraint events_slug_check check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    constraint events_slug_length_check check (char_length(slug) <= 200),
    constraint events_description_check check (char_length(description) <= 20000),
    constraint events_category_check check (category is null or char_length(category) between 1 and 100),
    constraint events_venue_name_check check (char_length(venue_name) between 1 and 200),
    constraint events_venue_address_check
        check (venue_address is null or char_length(venue_address) <= 500),
    constraint events_city_check check (char_length(city) between 1 and 100),
    constraint events_country_check check (country is null or country ~ '^[A-Z]{2}$'),
    constraint events_timezone_check check (char_length(timezone) between 1 and 64),
    constraint events_ends_at_check check (ends_at is null or ends_at > starts_at),
    constraint events_status_check check (status in ('draft', 'published', 'cancelled', 'completed')),
    constraint events_published_at_check check (status <> 'published' or published_at is not null),
    constraint events_image_url_check check (image_url is null or char_length(image_url) <= 2048),
    constraint events_metadata_check check (jsonb_typeof(metadata) = 'object')
);

create unique index events_slug_key on events (slug) where deleted_at is null;
create index events_search_vector_idx on events using gin (search_vector);
create index events_public_browse_idx on events (status, starts_at)
    where deleted_at is null and suspended_at is null;
create index events_promoter_id_idx on events (promoter_id);

create trigger events_set_updated_at
    before update on events
    for each row execute function set_updated_at();

comment on table events is
    'catalog: events owned by a promoter; status is the lifecycle, suspended_at an orthogonal admin suspension; soft-deleted via deleted_at.';
comment on column events.search_vector is
    'Generated: title (A), category/venue_name/city (B), description (C), english configuration.';

create table ticket_tiers (
    id             uuid        not null default gen_random_uuid(),
    event_id       uuid        not null,
    name           text        not null,
    description    text        not null default '',
    price_minor    bigint      not null,
    currency       char(3)     not null,
    capacity       int         not null,
    min_per_order  int         not null default 1,
    max_per_order  int         not null default 10,
    sales_start_at timestamptz,
    sales_end_at   timestamptz,
    status         text        not null default 'active',
    sort_order     int         not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    deleted_at     timestamptz,
    constraint ticket_tiers_pkey primary key (id),
    -- Target of composite foreign keys (tickets, waitlist) that pin a tier to its event.
    constraint ticket_tiers_id_event_id_key unique (id, event_id),
    constraint ticket_tiers_event_id_fkey foreign key (event_id) references events (id),
    constraint ticket_tiers_name_check check (char_length(name) between 1 and 100),
    constraint ticket_tiers_description_check check (char_length(description) <= 2000),
    constraint ticket_tiers_price_minor_check check (price_minor >= 0),
    constraint ticket_tiers_currency_check check (currency ~ '^[A-Z]{3}$'),
    constraint ticket_tiers_capacity_check check (capacity > 0 and capacity <= 1000000),
    constraint ticket_tiers_min_per_order_check check (min_per_order >= 1),
    constraint ticket_tiers_max_per_order_check
        check (max_per_order >= min_per_order and max_per_order <= 100),
    constraint ticket_tiers_sales_window_check
        check (sales_start_at is null or sales_end_at is null or sales_end_at > sales_start_at),
    constraint ticket_tiers_status_check check (status in ('active', 'hidden', 'paused'))
);

create unique index ticket_tiers_event_id_name_key on ticket_tiers (event_id, lower(name))
    where deleted_at is null;
create index ticket_tiers_event_id_idx on ticket_tiers (event_id);

create trigger ticket_tiers_set_updated_at
    before update on ticket_tiers
    for each row execute function set_updated_at();

comment on table ticket_tiers is
    'catalog: price tiers of an event (price, capacity, sales window, per-order limits); stock counters live in the inventory module.';

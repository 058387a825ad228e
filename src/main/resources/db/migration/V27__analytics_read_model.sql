-- Module: analytics. The promoter reports' read model (ADR 6). Analytics reads other modules' tables
-- only through the views below, which it owns: plain views for live counters (a primary-key or
-- index read per tier) and materialized views for everything that counts orders and tickets, which
-- a job refreshes CONCURRENTLY (readers are never blocked) in one REPEATABLE READ transaction, so
-- the three agree with each other. Nothing is added to the purchase path. A schema change in
-- another module that touches a column used here fails its migration ("used by a view") instead of
-- silently breaking the reports.

-- Live: the events and their tiers with the inventory's stock counters.
create view analytics_events as
select e.id as event_id, e.promoter_id, e.title, e.status, e.starts_at, e.currency, e.timezone,
       e.created_at, e.deleted_at
from events e;

create view analytics_tiers as
select t.id as tier_id, t.event_id, t.name, t.price_minor, t.currency, t.status, t.sort_order, t.created_at,
       t.deleted_at, coalesce(s.capacity, 0) as capacity, coalesce(s.sold, 0) as sold,
       coalesce(s.held, 0) as held, coalesce(s.waiting, 0) as waiting
from ticket_tiers t
left join tier_stock s on s.tier_id = t.id;

-- Live: people waiting per tier (the waitlist's index on (tier_id, status, position) serves it).
create view analytics_waitlist as
select w.tier_id, w.event_id, w.status, w.quantity
from waitlist w
where w.status in ('waiting', 'offered');

-- Live, for the CSV exports: an event's orders and its tickets (attendees), with their buyer. A
-- deleted account's name and e-mail are not exported.
create view analytics_order_rows as
select o.id as order_id, o.event_id, o.order_number, o.status, o.created_at as placed_at, o.paid_at,
       o.cancelled_at, o.refunded_at,
       case when u.deleted_at is null then u.full_name end as buyer_name,
       case when u.deleted_at is null then u.email::text end as buyer_email,
       (select coalesce(sum(oi.quantity), 0) from order_items oi where oi.order_id = o.id) as tickets,
       o.subtotal_minor, o.fees_minor, o.total_minor,
       (select coalesce(sum(r.amount_minor), 0) from order_refunds r where r.order_id = o.id) as refunded_minor,
       o.currency
from orders o
join users u on u.id = o.user_id;

create view analytics_attendee_rows as
select t.id as ticket_id, t.event_id, t.ticket_number, t.status, t.tier_id, tt.name as tier_name,
       case when u.deleted_at is null then u.full_name end as holder_name,
       case when u.deleted_at is null then u.email::text end as holder_email,
       o.order_number, t.created_at as issued_at, t.checked_in_at
from tickets t
join ticket_tiers tt on tt.id = t.tier_id
join orders o on o.id = t.order_id
join users u on u.id = t.holder_user_id;

-- Materialized: per tier, what its order lines became and what its tickets are now. An order line is
-- one hold of the tier's seats; paid_at is set on every order that was paid (also when refunded
-- later); an order that was never paid and is 'refunded' was paid too late and refunded
-- (seats gone), which counts as expired. Ticket money is the line's unit price at purchase.
create materialized view analytics_tier_sales as
with lines as (
    select oi.tier_id, o.event_id, oi.currency,
           count(*) as holds_placed,
           count(*) filter (where o.paid_at is not null) as holds_paid,
           count(*) filter (where o.status = 'pending_payment') as holds_pending,
           count(*) filter (where o.paid_at is null and o.status = 'cancelled') as holds_cancelled,
           count(*) filter (where o.paid_at is null and o.status in ('expired', 'refunded')) as holds_expired,
           coalesce(sum(oi.quantity) filter (where o.paid_at is not null), 0) as tickets_sold,
           coalesce(sum(oi.line_total_minor) filter (where o.paid_at is not null), 0) as gross_minor
    from order_items oi
    join orders o on o.id = oi.order_id
    group by oi.tier_id, o.event_id, oi.currency
), ticket_states as (
    select t.tier_id,
           count(*) filter (where t.status = 'checked_in') as checked_in,
           count(*) filter (where t.status = 'refunded') as tickets_refunded
    from tickets t
    group by t.tier_id
), refunded as (
    select t.tier_id, sum(oi.unit_price_minor) as refunded_minor
    from tickets t
    join order_items oi on oi.id = t.order_item_id
    where t.status = 'refunded'
    group by t.tier_id
)
select l.tier_id, l.event_id, l.currency, l.holds_placed, l.holds_paid, l.holds_pending, l.holds_cancelled,
       l.holds_expired, l.tickets_sold, l.gross_minor,
       coalesce(s.tickets_refunded, 0) as tickets_refunded,
       coalesce(r.refunded_minor, 0) as refunded_minor,
       coalesce(s.checked_in, 0) as checked_in
from lines l
left join ticket_states s on s.tier_id = l.tier_id
left join refunded r on r.tier_id = l.tier_id
with data;

create unique index analytics_tier_sales_key on analytics_tier_sales (tier_id);
create index analytics_tier_sales_event_id_idx on analytics_tier_sales (event_id);

-- Materialized: per event, its orders (an order is one hold, whatever its number of tiers).
create materialized view analytics_event_orders as
select o.event_id,
       count(*) as holds_placed,
       count(*) filter (where o.paid_at is not null) as holds_paid,
       count(*) filter (where o.status = 'pending_payment') as holds_pending,
       count(*) filter (where o.paid_at is null and o.status = 'cancelled') as holds_cancelled,
       count(*) filter (where o.paid_at is null and o.status in ('expired', 'refunded')) as holds_expired
from orders o
group by o.event_id
with data;

create unique index analytics_event_orders_key on analytics_event_orders (event_id);

-- Materialized: tickets sold per tier and quarter of an hour (UTC) of payment. Quarter hours add up
-- to exact hours and days in every time zone in use (all offsets are multiples of 15 minutes).
create materialized view analytics_sales_quarter_hours as
select oi.tier_id, o.event_id,
       date_bin('15 minutes', o.paid_at, timestamptz '2000-01-01 00:00:00+00') as bucket,
       sum(oi.quantity) as tickets_sold,
       sum(oi.line_total_minor) as gross_minor
from orders o
join order_items oi on oi.order_id = o.id
where o.paid_at is not null
group by oi.tier_id, o.event_id, date_bin('15 minutes', o.paid_at, timestamptz '2000-01-01 00:00:00+00')
with data;

create unique index analytics_sales_quarter_hours_key on analytics_sales_quarter_hours (tier_id, bucket);
create index analytics_sales_quarter_hours_event_idx on analytics_sales_quarter_hours (event_id, bucket);

-- When the materialized views were last refreshed; the row is also the refresh job's lock (claimed
-- with SKIP LOCKED, so one instance refreshes and the others skip).
create table analytics_refreshes (
    name         text        not null,
    refreshed_at timestamptz,
    duration_ms  bigint,
    constraint analytics_refreshes_pkey primary key (name),
    constraint analytics_refreshes_duration_ms_check check (duration_ms is null or duration_ms >= 0)
);

insert into analytics_refreshes (name) values ('sales');

comment on materialized view analytics_tier_sales is
    'analytics: per tier, holds placed and what became of them, tickets sold/refunded/checked in and their money; refreshed by a job.';
comment on materialized view analytics_event_orders is
    'analytics: per event, orders (holds) placed and what became of them; refreshed by a job.';
comment on materialized view analytics_sales_quarter_hours is
    'analytics: tickets sold and their money per tier and 15-minute bucket (UTC) of payment; refreshed by a job.';
comment on table analytics_refreshes is
    'analytics: when the materialized views were last refreshed (the snapshot they show); the row locks the refresh.';

-- Analytics test data, made in SQL (generate_series) at any scale: users, one promoter's events
-- ({events} + 1, the last one owned by a second promoter), four tiers each, {orders} orders of every
-- outcome (about 2.2 tickets per order), tickets refunded and checked in, order refunds, stock and a
-- waitlist on sold-out tiers. Placeholders, filled in by AnalyticsSeed: {tag} (unique, [a-z0-9]),
-- {orders}, {events} (at least 2), {buyers}, {start} (timestamptz). Run in one transaction.
-- Events are 'completed' (never in public search); pending orders expire in 2100 and refunds are done,
-- so no job of the application picks any of this up.

insert into users (id, email, password_hash, full_name, role)
select md5('{tag}:user:' || i)::uuid, '{tag}-u' || i || '@seed.test', 'x',
       case when i % 25 = 0 then '=HYPERLINK("x") Buyer ' || i else 'Buyer "' || i || '", Jr.' end,
       case when i <= 2 then 'promoter' else 'buyer' end
from generate_series(1, {buyers} + 2) i;

insert into promoters (id, user_id, company_name, contact_email)
select md5('{tag}:promoter:' || i)::uuid, md5('{tag}:user:' || i)::uuid, 'Seed ' || i, 'p' || i || '@seed.test'
from generate_series(1, 2) i;

-- Event 0 is the big one (half the orders); the last event sells in USD; promoter 2 owns none of them but event {events}.
insert into events (id, promoter_id, title, slug, venue_name, city, timezone, starts_at, status, published_at, currency)
select md5('{tag}:event:' || e)::uuid,
       md5('{tag}:promoter:' || case when e = {events} then 2 else 1 end)::uuid,
       'Seed event ' || e, '{tag}-event-' || e, 'Hall', 'Seedville',
       case when e = 0 then 'Europe/Lisbon' when e = 1 then 'Asia/Kolkata' else 'UTC' end,
       '{start}'::timestamptz + interval '60 days', 'completed', '{start}'::timestamptz,
       case when e = {events} - 1 then 'USD' else 'EUR' end
from generate_series(0, {events}) e;

insert into ticket_tiers (id, event_id, name, price_minor, currency, capacity, max_per_order, sort_order)
select md5('{tag}:tier:' || e || ':' || t)::uuid, md5('{tag}:event:' || e)::uuid, 'Tier ' || t,
       1000 * (t + 1) + 50, case when e = {events} - 1 then 'USD' else 'EUR' end, 1000000, 10, t
from generate_series(0, {events}) e, generate_series(0, 3) t;

-- Orders: i -> event (half in event 0), tier, status, quantity, times.
create temp table seed_orders_{tag} on commit drop as
select i,
       md5('{tag}:order:' || i)::uuid as id,
       ev,
       (i / 2) % 4 as tier,
       1 + (i % 4) as qty,
       md5('{tag}:user:' || (3 + (i::bigint * 7919) % {buyers}))::uuid as user_id,
       case when h < 80 then 'paid' when h < 88 then 'expired' when h < 94 then 'cancelled'
            when h < 96 then 'pending_payment' when h < 98 then 'refunded' when h < 99 then 'partially_refunded'
            else 'late_refunded' end as kind,
       -- a flash sale: a third of the orders in the first hour, the rest over 30 days
       '{start}'::timestamptz + case when i % 3 = 0 then (i % 3600) * interval '1 second'
                                     else ((i * 2654435761::bigint) % (30 * 86400)) * interval '1 second' end as at,
       (i % 10 = 0) as two_lines
from (select i, case when i % 2 = 0 then 0 else 1 + (i / 2) % ({events} - 1) end as ev,
             abs(hashint4(i)) % 100 as h
      from generate_series(1, {orders}) i) s;

insert into orders (id, order_number, user_id, event_id, status, subtotal_minor, total_minor, currency,
                    expires_at, paid_at, cancelled_at, refunded_at, created_at)
select o.id, 'TV-' || upper(substr(md5('{tag}:' || o.i), 1, 14)), o.user_id, md5('{tag}:event:' || o.ev)::uuid,
       case when o.kind = 'late_refunded' then 'refunded' else o.kind end,
       amount, amount, case when o.ev = {events} - 1 then 'USD' else 'EUR' end,
       case when o.kind = 'pending_payment' then timestamptz '2100-01-01' else o.at + interval '5 minutes' end,
       case when o.kind in ('paid', 'refunded', 'partially_refunded') then o.at end,
       case when o.kind in ('expired', 'cancelled', 'late_refunded') then o.at + interval '5 minutes' end,
       case when o.kind in ('refunded', 'late_refunded') then o.at + interval '1 day' end,
       o.at - interval '2 minutes'
from seed_orders_{tag} o,
     lateral (select o.qty * (1000 * (o.tier + 1) + 50)
                     + case when o.two_lines then 1000 * ((o.tier + 1) % 4 + 1) + 50 else 0 end as amount) a;

insert into order_items (id, order_id, tier_id, quantity, unit_price_minor, currency, tier_name)
select md5('{tag}:item:' || o.i || ':' || l)::uuid, o.id,
       md5('{tag}:tier:' || o.ev || ':' || ((o.tier + l) % 4))::uuid,
       case when l = 0 then o.qty else 1 end,
       1000 * ((o.tier + l) % 4 + 1) + 50,
       case when o.ev = {events} - 1 then 'USD' else 'EUR' end,
       'Tier ' || ((o.tier + l) % 4)
from seed_orders_{tag} o, generate_series(0, 1) l
where l = 0 or o.two_lines;

-- Tickets for paid orders: refunded orders' tickets refunded, partially refunded orders lose their
-- first ticket; about 30 % of the rest checked in.
insert into tickets (id, ticket_number, order_id, order_item_id, event_id, tier_id, holder_user_id, status,
                     checked_in_at, created_at)
select gen_random_uuid(), '{tag}-' || o.i || '-' || l || '-' || n, o.id,
       md5('{tag}:item:' || o.i || ':' || l)::uuid, md5('{tag}:event:' || o.ev)::uuid,
       md5('{tag}:tier:' || o.ev || ':' || ((o.tier + l) % 4))::uuid, o.user_id,
       s.status,
       case when s.status = 'checked_in' then '{start}'::timestamptz + interval '60 days' + (o.i % 7200) * interval '1 second' end,
       o.at
from seed_orders_{tag} o
cross join generate_series(0, 1) l
cross join lateral generate_series(1, case when l = 0 then o.qty else 1 end) n
cross join lateral (select case
        when o.kind = 'refunded' then 'refunded'
        when o.kind = 'partially_refunded' and l = 0 and n = 1 then 'refunded'
        when abs(hashint4(o.i * 10 + n)) % 10 < 3 then 'checked_in'
        else 'valid' end as status) s
where o.kind in ('paid', 'refunded', 'partially_refunded') and (l = 0 or o.two_lines);

insert into order_refunds (order_id, kind, amount_minor, currency, reason, status, done_at)
select o.id, case when o.kind = 'late_refunded' then 'late_payment' else 'requested' end,
       case when o.kind = 'partially_refunded' then 1000 * (o.tier + 1) + 50
            else o2.total_minor end,
       o2.currency, 'seed', 'done', o.at + interval '1 day'
from seed_orders_{tag} o join orders o2 on o2.id = o.id
where o.kind in ('refunded', 'partially_refunded', 'late_refunded');

-- A waitlist on tier 3 of every event that sold or holds some of it: 50 entries of 2 seats. Those
-- tiers are sold out (capacity = sold + held), so the waitlist job has nothing to offer them; the
-- other tiers have 1,000 seats left.
insert into waitlist (event_id, tier_id, user_id, quantity)
select md5('{tag}:event:' || e)::uuid, md5('{tag}:tier:' || e || ':3')::uuid, md5('{tag}:user:' || (3 + k))::uuid, 2
from generate_series(0, {events}) e, generate_series(1, 50) k
where exists (select 1 from order_items oi join orders o on o.id = oi.order_id
              where oi.tier_id = md5('{tag}:tier:' || e || ':3')::uuid
                and (o.status = 'pending_payment' or o.paid_at is not null));

insert into tier_stock (tier_id, capacity, sold, held, waiting)
select t.id,
       coalesce(s.sold, 0) + coalesce(h.held, 0) + case when w.seats is null then 1000 else 0 end,
       coalesce(s.sold, 0), coalesce(h.held, 0), coalesce(w.seats, 0)
from ticket_tiers t
left join (select tier_id, count(*) as sold from tickets where status in ('valid', 'checked_in') group by tier_id) s
       on s.tier_id = t.id
left join (select oi.tier_id, sum(oi.quantity) as held from order_items oi join orders o on o.id = oi.order_id
           where o.status = 'pending_payment' group by oi.tier_id) h on h.tier_id = t.id
left join (select tier_id, sum(quantity) as seats from waitlist where status = 'waiting' group by tier_id) w
       on w.tier_id = t.id
where t.event_id in (select md5('{tag}:event:' || e)::uuid from generate_series(0, {events}) e);

analyze users, events, ticket_tiers, orders, order_items, tickets, order_refunds, tier_stock, waitlist;

-- Modules: inventory and waitlist. Seats the waitlist is waiting for take priority over public sale:
-- tier_stock.waiting counts the seats wanted by waiting entries, and public holds need
-- sold + held + waiting + quantity <= capacity, so freed seats stay off sale while people wait. An
-- offer moves seats from waiting to held (a hold in the entry's name).

alter table tier_stock add column waiting int not null default 0;
alter table tier_stock add constraint tier_stock_waiting_check check (waiting >= 0);

-- Tiers the offer job should look at: people waiting and seats free.
create index tier_stock_offerable_idx on tier_stock (tier_id) where waiting > 0;

alter table waitlist add column order_id uuid;
alter table waitlist add column reminded_at timestamptz;
alter table waitlist add constraint waitlist_order_id_fkey foreign key (order_id) references orders (id);
alter table waitlist add constraint waitlist_claim_check check (status <> 'claimed' or order_id is not null);

create index waitlist_offer_expires_at_idx on waitlist (offer_expires_at) where status = 'offered';

comment on column tier_stock.waiting is
    'inventory: seats wanted by waiting waitlist entries; they come before public sale.';

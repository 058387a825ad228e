-- Module: orders. The expiry job leases the overdue orders it works on (it asks the payment provider
-- about each before expiring it), so instances share the work instead of repeating it, and a crashed
-- instance's orders come back to the others when the lease ends.

alter table orders add column expiry_claimed_until timestamptz;

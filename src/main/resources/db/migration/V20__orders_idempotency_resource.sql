-- Module: orders. The resource a request created, recorded in the same transaction that created it:
-- if the server dies before the response is stored, a retry with the key returns that resource
-- instead of creating a second one.

alter table idempotency_keys add column resource_id uuid;

-- Module: audit. Indexes for the admin's audit log view: newest first with keyset pagination on
-- (occurred_at, id), filtered by actor, entity id, entity type or action. Each filter has an index
-- that starts with it and ends with the sort key, so a page is read in order and the scan stops
-- after one page, however large the log. The V9 indexes lacked the id tie-breaker and one for action.

drop index audit_log_entity_idx;
drop index audit_log_actor_user_id_idx;
drop index audit_log_occurred_at_idx;

create index audit_log_occurred_at_idx on audit_log (occurred_at, id);
create index audit_log_actor_idx on audit_log (actor_user_id, occurred_at, id);
-- entity ids are nearly unique: this one also serves entity_type + entity_id.
create index audit_log_entity_id_idx on audit_log (entity_id, occurred_at, id);
create index audit_log_entity_type_idx on audit_log (entity_type, occurred_at, id);
create index audit_log_action_idx on audit_log (action, occurred_at, id);

-- Module: catalog. Why an admin suspended an event (suspended_at exists since V3): shown to the
-- event's promoter and to admins, never to the public (a suspended event is not public).

alter table events
    add column suspension_reason text;

alter table events
    add constraint events_suspension_reason_check
        check (suspension_reason is null or char_length(suspension_reason) between 1 and 500),
    add constraint events_suspension_reason_suspended_check
        check (suspended_at is not null or suspension_reason is null);

-- Module: notifications. What the outbox worker needs beyond V8: a lease on the rows it is sending
-- (claimed_until + claim_token, so a crashed instance's rows return to the pool and a late worker
-- cannot record over a newer one), inline images sent with the mail (the tickets' QR codes, PNG as
-- base64 with their Content-ID), and a reference to what the mail is about (an order or event id)
-- for the admin view.

alter table email_notifications
    add column claimed_until timestamptz,
    add column claim_token   uuid,
    add column inline_images jsonb not null default '[]'::jsonb,
    add column reference     text;

alter table email_notifications
    add constraint email_notifications_inline_images_check check (jsonb_typeof(inline_images) = 'array'),
    add constraint email_notifications_claim_check check (status <> 'sending' or claimed_until is not null);

-- Rows whose sender died mid-send come back when their lease ends.
create index email_notifications_sending_claimed_until_idx on email_notifications (claimed_until)
    where status = 'sending';

-- The admin view: newest first, optionally by recipient.
create index email_notifications_created_at_idx on email_notifications (created_at desc, id);
create index email_notifications_recipient_idx on email_notifications (recipient, created_at desc);

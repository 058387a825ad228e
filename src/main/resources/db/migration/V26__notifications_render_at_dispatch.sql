-- Module: notifications. Mails are rendered by the outbox worker just before sending, no longer in the
-- transaction that enqueues them (rendering and drawing QR codes kept payments' connections busy):
-- a row now stores its template's variables (template_model, plain JSON data captured at enqueue)
-- and the QR codes its HTML shows (qr_codes: content id and content, drawn at dispatch). Subject and
-- bodies are filled in when the mail is sent, so they say what went out. Rows enqueued before this
-- migration keep their stored rendering and no model, and are sent as they are.

alter table email_notifications
    add column template_model jsonb,
    add column qr_codes       jsonb not null default '[]'::jsonb,
    alter column subject drop not null,
    alter column body_text drop not null;

alter table email_notifications
    add constraint email_notifications_template_model_check
        check (template_model is null or jsonb_typeof(template_model) = 'object'),
    add constraint email_notifications_qr_codes_check check (jsonb_typeof(qr_codes) = 'array'),
    -- Every row can be sent: it is either rendered already or renderable.
    add constraint email_notifications_renderable_check
        check (template_model is not null or (subject is not null and body_text is not null));

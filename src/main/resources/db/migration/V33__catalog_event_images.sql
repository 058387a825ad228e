-- Module: catalog. The image a promoter uploads for an event. Its bytes are in object storage (a local
-- directory or an S3 bucket) under image_key; these columns say what they are. All set or all null.
-- image_url (V3) is something else: a link to an image elsewhere that the promoter types in, stored and
-- returned as given, never fetched.

alter table events
    add column image_key          text,
    add column image_content_type text,
    add column image_size_bytes   integer,
    add column image_sha256       text,
    add column image_width        integer,
    add column image_height       integer,
    add column image_uploaded_at  timestamptz;

alter table events
    add constraint events_image_complete_check check (
        (image_key is null) = (image_content_type is null)
        and (image_key is null) = (image_size_bytes is null)
        and (image_key is null) = (image_sha256 is null)
        and (image_key is null) = (image_width is null)
        and (image_key is null) = (image_height is null)
        and (image_key is null) = (image_uploaded_at is null)),
    add constraint events_image_key_check
        check (image_key is null or char_length(image_key) between 1 and 512),
    add constraint events_image_content_type_check
        check (image_content_type is null or image_content_type in ('image/png', 'image/jpeg')),
    add constraint events_image_size_bytes_check check (image_size_bytes is null or image_size_bytes > 0),
    add constraint events_image_sha256_check check (image_sha256 is null or image_sha256 ~ '^[0-9a-f]{64}$'),
    add constraint events_image_dimensions_check
        check (image_width is null or (image_width > 0 and image_height > 0));

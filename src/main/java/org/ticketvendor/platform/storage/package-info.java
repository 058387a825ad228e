/**
 * Object storage for files the application keeps outside the database (today: event images): {@link
 * org.ticketvendor.platform.storage.ObjectStorage}, a directory on local disk by default or an S3 bucket
 * (or an S3-compatible store) when {@code S3_BUCKET} is set. Modules use the port only.
 */
@org.springframework.modulith.NamedInterface("storage")
package org.ticketvendor.platform.storage;

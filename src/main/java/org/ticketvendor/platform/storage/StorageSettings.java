package org.ticketvendor.platform.storage;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where objects (event images) are kept: an S3 bucket when {@code s3.bucket} is set, else a local directory.
 *
 * @param local the directory on local disk; only used without a bucket
 * @param s3 the bucket and how to reach it
 */
@ConfigurationProperties("ticketvendor.storage")
public record StorageSettings(Local local, S3 s3) {

    public StorageSettings {
        local = local == null ? new Local(null) : local;
        s3 = s3 == null ? new S3(null, null, null, false, null, null) : s3;
    }

    /** @param directory {@code STORAGE_DIR}; empty = {@code images} in the data directory */
    public record Local(Path directory) {}

    /**
     * @param bucket {@code S3_BUCKET}; empty = local storage
     * @param endpoint {@code S3_ENDPOINT}, for S3-compatible stores (MinIO, Ceph, R2...); empty = AWS
     * @param region {@code S3_REGION}; empty = the SDK's default chain ({@code AWS_REGION}, profile), or
     *     {@code us-east-1} with an endpoint (most compatible stores ignore it)
     * @param pathStyle {@code S3_PATH_STYLE}: {@code host/bucket/key} instead of {@code bucket.host/key},
     *     which many compatible stores need
     * @param accessKeyId {@code S3_ACCESS_KEY_ID}; empty (with the secret) = the SDK's default credentials
     *     chain (environment, profile, container or instance role)
     * @param secretAccessKey {@code S3_SECRET_ACCESS_KEY}
     */
    public record S3(
            String bucket,
            String endpoint,
            String region,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey) {

        public S3 {
            bucket = blankToNull(bucket);
            region = blankToNull(region);
            accessKeyId = blankToNull(accessKeyId);
            secretAccessKey = blankToNull(secretAccessKey);
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalArgumentException(
                        "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the SDK's default chain)");
            }
            endpoint = blankToNull(endpoint);
            if (endpoint != null) {
                URI uri = URI.create(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("S3_ENDPOINT must be an absolute URL, got " + endpoint);
                }
            }
        }

        /** The endpoint as a URI, or null for AWS's own. */
        public URI endpointUri() {
            return endpoint == null ? null : URI.create(endpoint);
        }

        public boolean configured() {
            return bucket != null;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}

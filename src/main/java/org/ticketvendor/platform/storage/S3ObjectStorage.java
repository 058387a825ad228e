package org.ticketvendor.platform.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3 bucket, through the AWS SDK, or in an S3-compatible store ({@code S3_ENDPOINT}, often
 * with path-style addressing). The bucket must exist; the application never creates or deletes buckets.
 * Checksums are only computed where S3 requires them, as compatible stores do not all accept the SDK's
 * newer defaults.
 */
final class S3ObjectStorage extends ObjectStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);

    private final S3Client s3;
    private final String bucket;
    private final String location;

    S3ObjectStorage(S3Client s3, String bucket, String location) {
        this.s3 = s3;
        this.bucket = bucket;
        this.location = location;
    }

    /** The adapter for these settings, with its own client. Opens no connection yet. */
    static S3ObjectStorage create(StorageSettings.S3 settings) {
        Region region = region(settings);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .region(region)
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpointUri());
        }
        String where = "S3 bucket " + settings.bucket() + " ("
                + (settings.endpoint() == null ? "AWS" : settings.endpoint()) + ", " + region
                + (settings.pathStyle() ? ", path-style" : "") + ")";
        return new S3ObjectStorage(builder.build(), settings.bucket(), where);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    protected void write(String key, byte[] content, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failed("write", key, e);
        }
    }

    @Override
    protected Optional<byte[]> read(String key) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            return Optional.of(bytes);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failed("read", key, e);
        }
    }

    @Override
    protected List<StoredObject> listing(String prefix) {
        try {
            List<StoredObject> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(o -> objects.add(new StoredObject(o.key(), o.lastModified())));
            return objects;
        } catch (SdkException e) {
            throw failed("list", prefix, e);
        }
    }

    @Override
    protected void remove(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failed("delete", key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private ObjectStorageException failed(String what, String key, SdkException e) {
        log.warn("Could not {} object {} in {}", what, key, location, e);
        return new ObjectStorageException(e);
    }

    private static Region region(StorageSettings.S3 settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        if (settings.endpoint() != null) {
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new IllegalStateException("S3_BUCKET is set but no region: set S3_REGION (or AWS_REGION)", e);
        }
    }

    private static AwsCredentialsProvider credentials(StorageSettings.S3 settings) {
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

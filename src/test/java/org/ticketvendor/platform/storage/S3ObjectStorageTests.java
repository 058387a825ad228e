package org.ticketvendor.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 adapter, built from settings as the application builds it, against a real S3-compatible server
 * (S3Mock in a process of its own) with a bucket made for this run and deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ObjectStorageTests {

    S3MockServer server;
    S3Client admin;
    String bucket;
    S3ObjectStorage storage;

    @BeforeAll
    void startServerAndBucket() throws Exception {
        server = S3MockServer.start();
        bucket = "tv-test-" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
        admin = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        admin.createBucket(b -> b.bucket(bucket));
        storage = S3ObjectStorage.create(settings(bucket));
    }

    @AfterAll
    void deleteBucketAndStopServer() {
        try {
            if (storage != null) {
                storage.close();
            }
            if (admin != null) {
                for (S3Object object :
                        admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                    admin.deleteObject(b -> b.bucket(bucket).key(object.key()));
                }
                admin.deleteBucket(b -> b.bucket(bucket));
                assertThat(admin.listBuckets().buckets())
                        .noneMatch(b -> b.name().equals(bucket));
                admin.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void storesObjectsWithTheirContentTypeReadsReplacesAndDeletesThem() {
        String key = "events/" + UUID.randomUUID() + "/a.png";

        storage.put(key, bytes("first"), "image/png");
        assertThat(storage.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("first")));
        assertThat(admin.headObject(b -> b.bucket(bucket).key(key)).contentType())
                .isEqualTo("image/png");

        storage.put(key, bytes("second"), "image/jpeg");
        assertThat(storage.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("second")));

        storage.delete(key);
        assertThat(storage.get(key)).isEmpty();
        storage.delete(key); // nothing there: no error
    }

    @Test
    void listsTheObjectsUnderAPrefixWithWhenTheyWereWritten() {
        String prefix = "events/" + UUID.randomUUID() + "/";
        java.time.Instant before = java.time.Instant.now().minusSeconds(60);
        storage.put(prefix + "a.png", bytes("a"), "image/png");
        storage.put(prefix + "b/c.png", bytes("c"), "image/png");
        storage.put("other/" + UUID.randomUUID() + ".png", bytes("x"), "image/png");

        assertThat(storage.list(prefix))
                .extracting(ObjectStorage.StoredObject::key)
                .containsExactlyInAnyOrder(prefix + "a.png", prefix + "b/c.png");
        assertThat(storage.list(prefix))
                .allSatisfy(o -> assertThat(o.lastModified()).isAfter(before));
        assertThat(storage.list("events/" + UUID.randomUUID() + "/")).isEmpty();
    }

    @Test
    void missingObjectsAreEmpty() {
        assertThat(storage.get("events/none/" + UUID.randomUUID() + ".png")).isEmpty();
    }

    @Test
    void binaryContentComesBackByteForByte() {
        byte[] all = new byte[256 * 1024];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 31);
        }
        String key = "events/" + UUID.randomUUID() + "/big.png";
        storage.put(key, all, "image/png");
        assertThat(storage.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(all));
        storage.delete(key);
    }

    @Test
    void aMissingBucketOrAnUnreachableServerIsAStorageFailure() {
        try (S3ObjectStorage noBucket = S3ObjectStorage.create(settings("tv-test-no-such-bucket"))) {
            assertThatThrownBy(() -> noBucket.put("a.png", bytes("x"), "image/png"))
                    .isInstanceOf(ObjectStorageException.class)
                    .hasMessage("Files cannot be stored or read right now; try again later.");
        }
        StorageSettings.S3 unreachable =
                new StorageSettings.S3(bucket, "http://127.0.0.1:9", null, true, "test", "test");
        try (S3ObjectStorage down = S3ObjectStorage.create(unreachable)) {
            assertThatThrownBy(() -> down.get("a.png")).isInstanceOf(ObjectStorageException.class);
        }
    }

    @Test
    void keysAreCheckedAsForTheLocalDirectory() {
        assertThatThrownBy(() -> storage.put("../a.png", bytes("x"), "image/png"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesWhereObjectsGoWithoutCredentials() {
        assertThat(storage.location())
                .isEqualTo("S3 bucket " + bucket + " (" + server.endpoint() + ", us-east-1, path-style)")
                .doesNotContain("test-secret");
    }

    private StorageSettings.S3 settings(String bucketName) {
        return new StorageSettings.S3(bucketName, server.endpoint().toString(), null, true, "test-key", "test-secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

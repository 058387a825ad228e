package org.ticketvendor.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.ticketvendor.platform.PlatformSettings;

/** Which storage the settings choose: the local directory by default, S3 when a bucket is named. */
class StorageConfigurationTests {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StorageSettings.class, PlatformSettings.class})
    @Import(StorageConfiguration.class)
    static class Wiring {}

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Wiring.class)
                .withPropertyValues("ticketvendor.data-dir=" + dataDir);
    }

    @Test
    void withoutABucketImagesGoToTheDataDirectory() {
        runner().withPropertyValues("ticketvendor.storage.s3.bucket=", "ticketvendor.storage.local.directory=")
                .run(context -> {
                    ObjectStorage storage = context.getBean(ObjectStorage.class);
                    assertThat(storage).isInstanceOf(LocalObjectStorage.class);
                    assertThat(storage.location())
                            .isEqualTo("directory " + dataDir.resolve("images").toAbsolutePath());
                });
    }

    @Test
    void aConfiguredDirectoryIsUsedAsGiven() {
        Path elsewhere = dataDir.resolve("elsewhere");
        runner().withPropertyValues("ticketvendor.storage.local.directory=" + elsewhere)
                .run(context -> assertThat(context.getBean(ObjectStorage.class).location())
                        .isEqualTo("directory " + elsewhere.toAbsolutePath()));
    }

    @Test
    void aBucketSelectsS3WithTheEndpointRegionAndAddressingGiven() {
        runner().withPropertyValues(
                        "ticketvendor.storage.s3.bucket=posters",
                        "ticketvendor.storage.s3.endpoint=http://127.0.0.1:9000",
                        "ticketvendor.storage.s3.region=eu-west-3",
                        "ticketvendor.storage.s3.path-style=true",
                        "ticketvendor.storage.s3.access-key-id=key",
                        "ticketvendor.storage.s3.secret-access-key=secret")
                .run(context -> {
                    ObjectStorage storage = context.getBean(ObjectStorage.class);
                    assertThat(storage).isInstanceOf(S3ObjectStorage.class);
                    assertThat(storage.location())
                            .isEqualTo("S3 bucket posters (http://127.0.0.1:9000, eu-west-3, path-style)");
                });
    }

    @Test
    void halfAKeyPairOrARelativeEndpointStopsTheStart() {
        runner().withPropertyValues(
                        "ticketvendor.storage.s3.bucket=posters", "ticketvendor.storage.s3.access-key-id=key")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("S3_SECRET_ACCESS_KEY"));
        runner().withPropertyValues(
                        "ticketvendor.storage.s3.bucket=posters", "ticketvendor.storage.s3.endpoint=minio:9000")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("S3_ENDPOINT"));
    }
}

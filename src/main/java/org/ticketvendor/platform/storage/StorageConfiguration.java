package org.ticketvendor.platform.storage;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ticketvendor.platform.PlatformSettings;

/** The one {@link ObjectStorage}: the S3 bucket when {@code S3_BUCKET} is set, else the local directory. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    ObjectStorage objectStorage(StorageSettings settings, PlatformSettings platform) {
        ObjectStorage storage = settings.s3().configured()
                ? S3ObjectStorage.create(settings.s3())
                : new LocalObjectStorage(localDirectory(settings, platform));
        log.info("Storing files (event images) in {}", storage.location());
        return storage;
    }

    static Path localDirectory(StorageSettings settings, PlatformSettings platform) {
        Path configured = settings.local().directory();
        return configured != null && !configured.toString().isBlank()
                ? configured
                : platform.dataDir().resolve("images");
    }
}

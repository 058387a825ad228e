package org.ticketvendor.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by the whole application.
 *
 * @param dataDir where the application keeps its local state: the embedded PostgreSQL cluster and
 *     the generated JWT secret. Relative paths resolve against the working directory.
 * @param maxRequestBody the largest request body accepted; larger ones get a 413 problem
 */
@ConfigurationProperties("ticketvendor")
public record PlatformSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("256KB") DataSize maxRequestBody) {}

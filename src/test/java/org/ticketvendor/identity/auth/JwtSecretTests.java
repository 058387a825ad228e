package org.ticketvendor.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretTests {

    @TempDir
    Path dir;

    @Test
    void generatesAPrivateRandomSecretOnceAndKeepsIt() throws Exception {
        Path file = dir.resolve("data").resolve("jwt-secret");
        byte[] first = JwtConfiguration.generatedSecret(file);
        byte[] again = JwtConfiguration.generatedSecret(file);

        assertThat(first).hasSizeGreaterThanOrEqualTo(JwtConfiguration.MIN_SECRET_BYTES);
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void eachDataDirectoryGetsItsOwnSecret() throws Exception {
        byte[] one = JwtConfiguration.generatedSecret(dir.resolve("one").resolve("jwt-secret"));
        byte[] two = JwtConfiguration.generatedSecret(dir.resolve("two").resolve("jwt-secret"));
        assertThat(one).isNotEqualTo(two);
    }
}

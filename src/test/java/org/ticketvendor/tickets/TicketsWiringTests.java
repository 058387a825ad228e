package org.ticketvendor.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.tickets.qr.QrCodes;
import org.ticketvendor.tickets.qr.TicketSigner;

/** The signer and the QR renderer as Spring builds them from {@code ticketvendor.*} properties. */
class TicketsWiringTests {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TicketsSettings.class, PlatformSettings.class})
    @Import({TicketSigner.class, QrCodes.class})
    static class Wiring {}

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Wiring.class)
                .withPropertyValues("ticketvendor.data-dir=" + dataDir);
    }

    @Test
    void bindsTheSigningSecretAndDefaults() {
        runner().withPropertyValues("ticketvendor.tickets.signing-secret=" + "s".repeat(40))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TicketsSettings settings = context.getBean(TicketsSettings.class);
                    assertThat(settings.qrSize()).isEqualTo(400);
                    assertThat(settings.toString()).doesNotContain("ssss");
                    TicketSigner signer = context.getBean(TicketSigner.class);
                    UUID event = UUID.randomUUID();
                    assertThat(signer.verify(signer.issue(UUID.randomUUID(), event, 0))
                                    .eventId())
                            .isEqualTo(event);
                    assertThat(context.getBean(QrCodes.class).png("TV1.x")).isNotEmpty();
                });
    }

    @Test
    void generatesTheSecretInTheDataDirectoryWhenNoneIsConfigured() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(dataDir.resolve("ticket-signing-secret")).exists();
        });
    }

    @Test
    void refusesToStartWithAShortSecretOrAnUnreasonableQrSize() {
        runner().withPropertyValues("ticketvendor.tickets.signing-secret=too-short")
                .run(context -> assertThat(context).hasFailed());
        runner().withPropertyValues("ticketvendor.tickets.qr-size=50")
                .run(context -> assertThat(context).hasFailed());
    }
}

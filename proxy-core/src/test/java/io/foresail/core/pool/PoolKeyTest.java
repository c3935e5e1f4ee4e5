package io.foresail.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.UpstreamTlsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolKeyTest {

    private static final UpstreamTlsSettings AUTO_SNI =
            new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), false);

    private static UpstreamTlsSettings withSni(String sni) {
        return new UpstreamTlsSettings(Optional.empty(), Optional.empty(), sni, List.of(), false);
    }

    @Test
    void plaintextAndTlsKeysToOneAddressDiffer() {
        PoolKey plaintext = PoolKey.of("10.0.0.1", 443);
        PoolKey tls = plaintext.withTls(TlsIdentity.of(AUTO_SNI, "a.example"));

        assertThat(tls).isNotEqualTo(plaintext);
        assertThat(tls.remoteAddress()).as("same socket address").isEqualTo(plaintext.remoteAddress());
    }

    @Test
    void tlsKeysWithDifferentSniDiffer() {
        PoolKey plaintext = PoolKey.of("10.0.0.1", 443);

        assertThat(plaintext.withTls(TlsIdentity.of(AUTO_SNI, "a.example")))
                .isNotEqualTo(plaintext.withTls(TlsIdentity.of(AUTO_SNI, "b.example")));
    }

    @Test
    void tlsKeysWithTheSameSniAndSettingsAreEqual() {
        assertThat(PoolKey.of("10.0.0.1", 443).withTls(TlsIdentity.of(AUTO_SNI, "a.example:443")))
                .isEqualTo(PoolKey.of("10.0.0.1", 443).withTls(TlsIdentity.of(withSni(""), "A.example")))
                .hasSameHashCodeAs(PoolKey.of("10.0.0.1", 443).withTls(TlsIdentity.of(AUTO_SNI, "a.example")));
    }

    @Test
    void tlsKeysWithDifferentClientCertificatesDiffer() {
        UpstreamTlsSettings mutual = new UpstreamTlsSettings(Optional.of(new CertificateFiles(Path.of("client.pem"),
                Path.of("client-key.pem"), Optional.empty(), "test")), Optional.empty(), "", List.of(), false);

        assertThat(PoolKey.of("10.0.0.1", 443).withTls(TlsIdentity.of(mutual, "a.example")))
                .isNotEqualTo(PoolKey.of("10.0.0.1", 443).withTls(TlsIdentity.of(AUTO_SNI, "a.example")));
    }

    @Test
    void tlsKeysWithDifferentVerificationDiffer() {
        UpstreamTlsSettings insecure = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), true);
        UpstreamTlsSettings pinnedSan = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "",
                List.of("spiffe://a"), false);
        PoolKey address = PoolKey.of("10.0.0.1", 443);

        assertThat(List.of(address.withTls(TlsIdentity.of(AUTO_SNI, "a.example")),
                address.withTls(TlsIdentity.of(insecure, "a.example")),
                address.withTls(TlsIdentity.of(pinnedSan, "a.example")))).doesNotHaveDuplicates();
    }

    @Test
    void configuredSniWinsOverTheHost() {
        assertThat(TlsIdentity.of(withSni("upstream.internal"), "a.example").serverName()).isEqualTo("upstream.internal");
    }

    @Test
    void hostWithoutPortIsTheSniWhenNoneIsConfigured() {
        assertThat(TlsIdentity.of(AUTO_SNI, "Shop.Example.COM:8443").serverName()).isEqualTo("shop.example.com");
    }

    @Test
    void noSniIsSentForIpLiteralsMissingHostsOrInvalidNames() {
        assertThat(List.of("10.1.2.3:80", "[::1]:443", "", "bad_name!.example"))
                .allSatisfy(host -> assertThat(TlsIdentity.of(AUTO_SNI, host).serverName()).as("SNI for %s", host).isEmpty());
        assertThat(TlsIdentity.of(AUTO_SNI, null).serverName()).isEmpty();
    }

    @Test
    void serverNameIsVerifiedOnlyWithoutSubjectAltNamesAndWithVerification() {
        UpstreamTlsSettings insecure = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), true);
        UpstreamTlsSettings pinnedSan = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "",
                List.of("spiffe://a"), false);

        assertThat(TlsIdentity.of(AUTO_SNI, "a.example").verifiesServerName()).isTrue();
        assertThat(TlsIdentity.of(insecure, "a.example").verifiesServerName()).isFalse();
        assertThat(TlsIdentity.of(pinnedSan, "a.example").verifiesServerName()).isFalse();
    }
}

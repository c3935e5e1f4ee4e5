package io.foresail.tls.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.tls.testing.TestPki;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAN matching per type, as Envoy: DNS ignoring case with a one-label certificate wildcard, URI and e-mail exact, IP parsed. */
class AcceptedSubjectAltNamesTest {

    @TempDir
    static Path directory;
    private static TestPki pki;

    @BeforeAll
    static void createCa() {
        pki = TestPki.create(directory);
    }

    private static X509Certificate carrying(String... subjectAltNames) {
        return pki.client("peer", subjectAltNames).certificate();
    }

    private static boolean accepts(List<String> accepted, X509Certificate leaf) {
        try {
            new AcceptedSubjectAltNames(accepted).check(leaf);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @Test
    void dnsNamesMatchIgnoringCase() {
        assertThat(accepts(List.of("API.Example.com"), carrying("api.example.COM"))).isTrue();
    }

    @Test
    void certificateWildcardCoversExactlyOneDnsLabel() {
        X509Certificate wildcard = carrying("*.example.com");

        assertThat(accepts(List.of("api.example.com"), wildcard)).isTrue();
        assertThat(accepts(List.of("a.b.example.com"), wildcard)).as("two labels").isFalse();
        assertThat(accepts(List.of("example.com"), wildcard)).as("no label").isFalse();
    }

    @Test
    void acceptedWildcardIsNoPatternForACertificateName() {
        assertThat(accepts(List.of("*.example.com"), carrying("api.example.com"))).isFalse();
    }

    @Test
    void spiffeUriDifferingOnlyInCaseIsRefused() {
        X509Certificate leaf = carrying("spiffe://cluster.local/ns/apps/sa/Client-A");

        assertThat(accepts(List.of("spiffe://cluster.local/ns/apps/sa/client-a"), leaf)).isFalse();
        assertThat(accepts(List.of("spiffe://cluster.local/ns/apps/sa/Client-A"), leaf)).isTrue();
    }

    @Test
    void wildcardAppliesToDnsNamesOnly() {
        assertThat(accepts(List.of("api.example.com"), carrying("uri:*.example.com"))).as("URI *.example.com").isFalse();
        assertThat(accepts(List.of("ops.example.com"), carrying("email:*.example.com"))).as("e-mail *.example.com").isFalse();
    }

    @Test
    void emailAddressesMatchExactly() {
        X509Certificate leaf = carrying("email:ops@example.com");

        assertThat(accepts(List.of("ops@example.com"), leaf)).isTrue();
        assertThat(accepts(List.of("Ops@Example.com"), leaf)).as("differing in case").isFalse();
    }

    @Test
    void ipAddressesMatchByParsedAddress() {
        assertThat(accepts(List.of("::1"), carrying("ip:0:0:0:0:0:0:0:1"))).as("::1 is 0:0:0:0:0:0:0:1").isTrue();
        assertThat(accepts(List.of("10.0.0.1"), carrying("ip:10.0.0.1"))).isTrue();
        assertThat(accepts(List.of("10.0.0.2"), carrying("ip:10.0.0.1"))).isFalse();
    }

    @Test
    void refusalNamesTheCertificatesAndTheAcceptedNames() {
        assertThatThrownBy(() -> new AcceptedSubjectAltNames(List.of("b.example.com")).check(carrying("a.example.com")))
                .isInstanceOf(CertificateException.class)
                .hasMessage("peer certificate subject alternative names [a.example.com] (expected: one of [b.example.com])");
    }

    @Test
    void anyAcceptedNameOfAnyTypeSuffices() {
        assertThatCode(() -> new AcceptedSubjectAltNames(List.of("db.example.com", "spiffe://td/ns/a/sa/b"))
                .check(carrying("a.example.com", "spiffe://td/ns/a/sa/b"))).doesNotThrowAnyException();
    }
}

package io.foresail.tls.context;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envoy's verify_certificate_spki / verify_certificate_hash: either list matching the leaf accepts it. */
class CertificatePinsTest {

    @TempDir
    static Path directory;
    private static Issued pinned;
    private static Issued other;

    @BeforeAll
    static void issue() {
        TestPki pki = TestPki.create(directory);
        pinned = pki.client("pinned", "pinned.test");
        other = pki.client("other", "other.test");
    }

    static String spki(Issued issued) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(issued.certificate().getPublicKey().getEncoded()));
    }

    /** Upper-case hex with colons between bytes, as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String hash(Issued issued) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(issued.certificate().getEncoded()));
    }

    @Test
    void spkiPinAcceptsItsPublicKey() throws Exception {
        CertificatePins pins = CertificatePins.of(List.of(spki(pinned)), List.of());

        assertThatCode(() -> pins.check(pinned.certificate())).doesNotThrowAnyException();
        assertThatThrownBy(() -> pins.check(other.certificate())).isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("peer certificate is not pinned: SPKI SHA-256 " + spki(other));
    }

    @Test
    void hashPinAcceptsItsCertificateWithOrWithoutColonsInAnyCase() throws Exception {
        CertificatePins withColons = CertificatePins.of(List.of(), List.of(hash(pinned)));
        CertificatePins plainLowerCase = CertificatePins.of(List.of(), List.of(hash(pinned).replace(":", "").toLowerCase()));

        assertThatCode(() -> withColons.check(pinned.certificate())).doesNotThrowAnyException();
        assertThatCode(() -> plainLowerCase.check(pinned.certificate())).doesNotThrowAnyException();
        assertThatThrownBy(() -> withColons.check(other.certificate())).isInstanceOf(CertificateException.class);
    }

    @Test
    void eitherListMatchingAccepts() throws Exception {
        CertificatePins pins = CertificatePins.of(List.of(spki(other)), List.of(hash(pinned)));

        assertThatCode(() -> pins.check(pinned.certificate())).as("by hash").doesNotThrowAnyException();
        assertThatCode(() -> pins.check(other.certificate())).as("by SPKI").doesNotThrowAnyException();
    }

    @Test
    void malformedPinsAreRefusedNamingEachOne() {
        assertThatThrownBy(() -> CertificatePins.of(List.of("c2hvcnQ="), List.of("abcd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("verifyCertificateSpki[0]: \"c2hvcnQ=\" (expected: base64 of a SHA-256 digest, 32 bytes); "
                        + "verifyCertificateHash[0]: \"abcd\" (expected: hex SHA-256 digest, 64 digits, colons allowed)");
    }

    @Test
    void noPinAtAllIsRefused() {
        assertThatThrownBy(() -> CertificatePins.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: at least one pin");
    }
}

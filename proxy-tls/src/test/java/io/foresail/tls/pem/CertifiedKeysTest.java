package io.foresail.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.config.table.CertificateFiles;
import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertifiedKeysTest {

    @TempDir
    static Path directory;
    private static TestPki pki;
    private static Issued rsa;
    private static Issued ec;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(directory);
        rsa = pki.server("app.test", "*.app.test");
        ec = pki.serverEc("ec.test");
    }

    @Test
    void readsAnRsaChainWithItsPkcs8Key() throws Exception {
        CertifiedKey key = load(rsa.files());

        assertThat(key.leaf()).isEqualTo(rsa.certificate());
        assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
        assertThat(key.warnings()).isEmpty();
    }

    @Test
    void readsAnRsaPkcs1Key() throws Exception {
        assertThat(Files.readString(rsa.pkcs1KeyFile())).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(load(rsa.pkcs1Files()).privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
    }

    @Test
    void readsAnEcSec1Key() throws Exception {
        assertThat(Files.readString(ec.pkcs1KeyFile())).startsWith("-----BEGIN EC PRIVATE KEY-----");

        CertifiedKey key = load(ec.pkcs1Files());

        assertThat(key.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(CertifiedKeys.matches(key.privateKey(), ec.certificate().getPublicKey())).isTrue();
    }

    @Test
    void readsAnEcPkcs8Key() throws Exception {
        assertThat(load(ec.files()).privateKey().getEncoded()).isEqualTo(ec.privateKey().getEncoded());
    }

    @Test
    void readsAnEncryptedPkcs8KeyWithThePasswordFileWithoutItsTrailingNewline() throws Exception {
        assertThat(Files.readString(rsa.encryptedKeyFile())).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.readString(rsa.passwordFile())).endsWith("\n");

        assertThat(load(rsa.encryptedFiles()).privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
    }

    @Test
    void textWithoutPemBlocksIsNotAPemFile() {
        Path notPem = pki.file("cert.crt", "this is not a certificate\n");
        CertificateFiles files = new CertificateFiles(notPem, rsa.pkcs8KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(files)).isInstanceOf(PemFileException.class)
                .hasMessage(notPem + ": not a PEM file (no -----BEGIN ...----- block)");
    }

    @Test
    void corruptBase64IsNotAPemFile() {
        Path corrupt = pki.file("cert.crt", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        CertificateFiles files = new CertificateFiles(corrupt, rsa.pkcs8KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(files)).isInstanceOf(PemFileException.class)
                .hasMessageStartingWith(corrupt + ": not a PEM file");
    }

    @Test
    void aKeyFileGivenAsChainHasNoCertificate() {
        CertificateFiles swapped = new CertificateFiles(rsa.pkcs8KeyFile(), rsa.pkcs8KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(swapped)).isInstanceOf(PemFileException.class)
                .hasMessageStartingWith(rsa.pkcs8KeyFile() + ": no certificate in the file");
    }

    @Test
    void aChainGivenAsKeyHasNoPrivateKey() {
        CertificateFiles swapped = new CertificateFiles(rsa.chainFile(), rsa.chainFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(swapped)).isInstanceOf(PemFileException.class)
                .hasMessageStartingWith(rsa.chainFile() + ": no private key in the file");
    }

    @Test
    void anEncryptedKeyWithoutPasswordFileSaysSo() {
        CertificateFiles files = new CertificateFiles(rsa.chainFile(), rsa.encryptedKeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(files)).isInstanceOf(PemFileException.class)
                .hasMessage(rsa.encryptedKeyFile() + ": private key is encrypted and no password file is configured (expected: keyPassword)");
    }

    @Test
    void aWrongPasswordSaysSoWithoutThePassword() {
        Path wrong = pki.file("wrong.password", "not-the-password\n");
        CertificateFiles files = new CertificateFiles(rsa.chainFile(), rsa.encryptedKeyFile(), Optional.of(wrong), "test");

        assertThatThrownBy(() -> load(files)).isInstanceOf(PemFileException.class)
                .hasMessage(rsa.encryptedKeyFile() + ": encrypted private key: wrong password")
                .message().doesNotContain("not-the-password");
    }

    @Test
    void aKeyOfAnotherCertificateDoesNotMatch() {
        Issued other = pki.server("other.test");
        CertificateFiles mismatched = new CertificateFiles(rsa.chainFile(), other.pkcs8KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(mismatched)).isInstanceOf(PemFileException.class)
                .hasMessageStartingWith(other.pkcs8KeyFile() + ": private key does not match the certificate ")
                .hasMessageContaining("CN=app.test")
                .hasMessageEndingWith("in " + rsa.chainFile());
    }

    @Test
    void anEcKeyForAnRsaCertificateDoesNotMatch() {
        CertificateFiles mismatched = new CertificateFiles(rsa.chainFile(), ec.pkcs8KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(mismatched)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("private key does not match the certificate");
    }

    @Test
    void anEcKeyOfAnotherEcCertificateDoesNotMatch() {
        Issued otherEc = pki.serverEc("other-ec.test");
        CertificateFiles mismatched = new CertificateFiles(ec.chainFile(), otherEc.pkcs1KeyFile(), Optional.empty(), "test");

        assertThatThrownBy(() -> load(mismatched)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("private key does not match the certificate");
    }

    @Test
    void anExpiredLeafIsAWarningNamingTheFile() throws Exception {
        Issued expired = pki.expiredServer("old.test");

        CertifiedKey key = load(expired.files());

        assertThat(key.warnings()).singleElement().asString()
                .startsWith(expired.chainFile() + ": certificate ").contains("CN=old.test")
                .contains("expired on " + expired.certificate().getNotAfter().toInstant());
    }

    @Test
    void aNotYetValidLeafIsAWarning() throws Exception {
        Issued future = pki.notYetValidServer("future.test");

        assertThat(load(future.files()).warnings()).singleElement().asString().contains("is not valid before");
    }

    @Test
    void toStringCarriesNoKeyMaterial() throws Exception {
        CertifiedKey key = load(rsa.files());
        String pkcs8 = Files.readString(rsa.pkcs8KeyFile());
        String base64Line = pkcs8.lines().skip(1).findFirst().orElseThrow();

        assertThat(key.toString()).contains("CN=app.test").doesNotContain(base64Line)
                .doesNotContain(key.privateKey().toString());
    }

    @Test
    void passwordStripsOnlyTrailingLineBreaks() {
        assertThat(PemFiles.password("  secret \r\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("  secret ".toCharArray());
    }

    @Test
    void revocationListsAreRead() throws Exception {
        Issued revoked = pki.client("revoked");
        Path crl = pki.revocationList(revoked);

        assertThat(PemFiles.revocationLists(crl, Files.readAllBytes(crl))).singleElement()
                .satisfies(list -> assertThat(list.isRevoked(revoked.certificate())).isTrue());
    }

    private static CertifiedKey load(CertificateFiles files) throws PemFileException {
        Map<Path, byte[]> contents = new HashMap<>();
        contents.put(files.certificateChain(), read(files.certificateChain()));
        contents.put(files.privateKey(), read(files.privateKey()));
        files.keyPassword().ifPresent(file -> contents.put(file, read(file)));
        return CertifiedKeys.load(files, contents, Instant.now());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code credentialName} resolved in {@code --secrets-dir}, laid out like a mounted Kubernetes Secret. */
class CredentialSecretsTest {

    @TempDir
    Path folder;

    @TempDir
    Path secrets;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder.resolve("config"));
    }

    private static String gateway(String tls) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: [a.example.com]
                    tls: %s
                """.formatted(tls);
    }

    private void files(String secret, String... names) throws IOException {
        Files.createDirectories(secrets.resolve(secret));
        for (String name : names) {
            Files.writeString(secrets.resolve(secret).resolve(name), name);
        }
    }

    private ServerTlsSettings termination(LoadResult result) {
        return ConfigFixture.loaded(result).listener(443).chainFor("a.example.com").termination().orElseThrow();
    }

    @Test
    void genericCertAndKeyComeBeforeTheTlsKeysAsInIstio() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "cert", "key");

        ServerTlsSettings termination = termination(fixture.load(secrets, gateway("{mode: SIMPLE, credentialName: bookinfo}")));

        assertThat(termination.certificate().certificateChain()).isEqualTo(secrets.resolve("bookinfo/cert"));
        assertThat(termination.certificate().privateKey()).isEqualTo(secrets.resolve("bookinfo/key"));
        assertThat(termination.certificate().source()).isEqualTo("credentialName bookinfo");
    }

    @Test
    void tlsKeysAreTheFallbackWhenCertAndKeyAreNotBothThere() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "cert");

        ServerTlsSettings termination = termination(fixture.load(secrets, gateway("{mode: SIMPLE, credentialName: bookinfo}")));

        assertThat(termination.certificate().certificateChain()).isEqualTo(secrets.resolve("bookinfo/tls.crt"));
        assertThat(termination.certificate().privateKey()).isEqualTo(secrets.resolve("bookinfo/tls.key"));
    }

    @Test
    void genericCacertComesBeforeCaCrtWithItsOwnCrl() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "ca.crt", "ca.crl", "cacert", "crl");

        ClientCertificateValidation validation = termination(fixture.load(secrets,
                gateway("{mode: MUTUAL, credentialName: bookinfo}"))).clientValidation().orElseThrow();

        assertThat(validation.caCertificates()).isEqualTo(secrets.resolve("bookinfo/cacert"));
        assertThat(validation.crl()).contains(secrets.resolve("bookinfo/crl"));
    }

    @Test
    void aCrlIsTakenOnlyWithTheCaFileItIsPairedWith() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "ca.crt", "crl");
        files("partners", "cacert", "ca.crl");

        ClientCertificateValidation ownCa = termination(fixture.load(secrets,
                gateway("{mode: MUTUAL, credentialName: bookinfo}"))).clientValidation().orElseThrow();
        ClientCertificateValidation partnersCa = termination(fixture.load(secrets,
                gateway("{mode: MUTUAL, credentialName: bookinfo, caCertCredentialName: partners}"))).clientValidation().orElseThrow();

        assertThat(ownCa.caCertificates()).isEqualTo(secrets.resolve("bookinfo/ca.crt"));
        assertThat(ownCa.crl()).as("crl belongs to cacert, not to ca.crt").isEmpty();
        assertThat(partnersCa.caCertificates()).isEqualTo(secrets.resolve("partners/cacert"));
        assertThat(partnersCa.crl()).as("ca.crl belongs to ca.crt, not to cacert").isEmpty();
    }

    @Test
    void clientCaComesFromTheCacertFolderWhenItExists() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "ca.crt");
        files("bookinfo-cacert", "cacert", "crl");

        ClientCertificateValidation validation = termination(fixture.load(secrets,
                gateway("{mode: MUTUAL, credentialName: bookinfo}"))).clientValidation().orElseThrow();

        assertThat(validation.caCertificates()).isEqualTo(secrets.resolve("bookinfo-cacert/cacert"));
        assertThat(validation.crl()).contains(secrets.resolve("bookinfo-cacert/crl"));
    }

    @Test
    void clientCaComesFromTheSecretItselfWithoutACacertFolder() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "ca.crt", "ca.crl");

        ClientCertificateValidation validation = termination(fixture.load(secrets,
                gateway("{mode: OPTIONAL_MUTUAL, credentialName: bookinfo}"))).clientValidation().orElseThrow();

        assertThat(validation.caCertificates()).isEqualTo(secrets.resolve("bookinfo/ca.crt"));
        assertThat(validation.crl()).contains(secrets.resolve("bookinfo/ca.crl"));
    }

    @Test
    void caCertCredentialNameOverridesTheCaOfTheSecret() throws IOException {
        files("bookinfo", "tls.crt", "tls.key", "ca.crt");
        files("partners", "ca.crt");

        ClientCertificateValidation validation = termination(fixture.load(secrets,
                gateway("{mode: MUTUAL, credentialName: bookinfo, caCertCredentialName: partners}")))
                .clientValidation().orElseThrow();

        assertThat(validation.caCertificates()).isEqualTo(secrets.resolve("partners/ca.crt"));
    }

    @Test
    void kubernetesDataSymlinkLayoutIsReadThroughTheSymlinks() throws IOException {
        Path secret = secrets.resolve("bookinfo");
        Path version = secret.resolve("..2024_01_01_00_00_00.1");
        Files.createDirectories(version);
        Files.writeString(version.resolve("tls.crt"), "c");
        Files.writeString(version.resolve("tls.key"), "k");
        Files.createSymbolicLink(secret.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(secret.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(secret.resolve("tls.key"), Path.of("..data/tls.key"));

        ServerTlsSettings termination = termination(fixture.load(secrets, gateway("{mode: SIMPLE, credentialName: bookinfo}")));

        assertThat(termination.certificate().certificateChain())
                .as("the symlink path is kept, so a swapped ..data is read afresh")
                .isEqualTo(secret.resolve("tls.crt"));
    }

    @Test
    void missingSecretIsAnErrorNamingThePathsLookedAt() throws IOException {
        files("bookinfo", "ca.crt");

        LoadResult result = fixture.load(secrets, gateway("{mode: SIMPLE, credentialName: bookinfo}"));

        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.position().toString()).endsWith("config.yaml:8:41");
            assertThat(error.fieldPath()).isEqualTo("spec.servers[0].tls.credentialName");
            assertThat(error.message()).startsWith("secret bookinfo not found (expected: (cert and key) or (tls.crt and tls.key))")
                    .contains(secrets.resolve("bookinfo/tls.crt").toString(), secrets.resolve("bookinfo/key").toString());
        });
    }

    @Test
    void missingClientCaOfAMutualSecretIsAnError() throws IOException {
        files("bookinfo", "tls.crt", "tls.key");

        LoadResult result = fixture.load(secrets, gateway("{mode: MUTUAL, credentialName: bookinfo}"));

        assertThat(errors(result)).extracting(ConfigError::message).singleElement().asString()
                .contains("secret bookinfo not found", "client CA", secrets.resolve("bookinfo/cacert").toString());
    }

    @Test
    void credentialNameWithoutSecretsDirectoryIsAnErrorThatSaysSo() {
        LoadResult result = fixture.load(gateway("{mode: SIMPLE, credentialName: bookinfo}"));

        assertThat(errors(result)).extracting(ConfigError::message).singleElement().asString()
                .contains("credentialName bookinfo cannot be resolved", "needs --secrets-dir");
    }

    @Test
    void credentialNameOfAServerThatIsNotServedIsNotResolved() {
        LoadResult result = fixture.load(java.util.Map.of("istio", "ingressgateway"),
                gateway("{mode: SIMPLE, credentialName: bookinfo}").replace("spec:\n", "spec:\n  selector: {istio: other}\n")
                + "---\n" + ConfigFixture.GATEWAY.replace("name: edge", "name: served"));

        assertThat(result).as("findings: %s", result.findings()).isInstanceOf(LoadResult.Loaded.class);
    }
}

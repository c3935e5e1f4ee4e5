package io.foresail.config.samples;

import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.SampleFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config-samples/bookinfo-tls}: the Bookinfo Gateway of the Istio reference, served as its comments say. */
class BookinfoTlsSampleTest {

    private static final Path SAMPLE = SampleFolders.ROOT.resolve("bookinfo-tls");

    private final RoutingTable table = ConfigFixture.loaded(SampleFolders.loadWithSecrets("bookinfo-tls"));

    @Test
    void servesTheFivePortsOfTheGateway() {
        assertThat(table.ports()).containsExactly(80, 443, 2379, 9080, 9443);
    }

    @Test
    void port80RedirectsItsHostsToHttps() {
        var virtualHosts = table.listener(80).plaintextHttp().virtualHosts();
        assertThat(virtualHosts.match("uk.bookinfo.com").requireTls()).isTrue();
        assertThat(virtualHosts.match("eu.bookinfo.com").requireTls()).isTrue();
    }

    @Test
    void port443TerminatesWithTheCertificateFilesOfTheSample() throws Exception {
        TlsChain chain = table.listener(443).chainFor("uk.bookinfo.com");
        var certificate = chain.termination().orElseThrow().certificate();
        assertThat(certificate.certificateChain()).isEqualTo(SAMPLE.resolve("certs/servercert.pem"));
        assertThat(Files.readString(certificate.certificateChain())).contains("SAMPLE ONLY", "BEGIN CERTIFICATE");
        assertThat(Files.readString(certificate.privateKey())).contains("BEGIN PRIVATE KEY");
        assertThat(((HttpRoutes) chain.target()).virtualHosts().match("uk.bookinfo.com").routes()).isNotEmpty();
    }

    @Test
    void port9443TerminatesWithTheCredentialNameSecret() {
        TlsChain chain = table.listener(9443).chainFor("www.bookinfo.com");
        assertThat(chain.serverNames()).containsExactly("*.bookinfo.com");
        assertThat(chain.termination().orElseThrow().certificate().certificateChain())
                .isEqualTo(SAMPLE.resolve("secrets/bookinfo-secret/tls.crt"));
        assertThat(((HttpRoutes) chain.target()).virtualHosts().match("www.bookinfo.com")).isNotNull();
    }

    @Test
    void mongoPortForwardsToMongodb() {
        PortListener listener = table.listener(2379);
        TcpForward forward = (TcpForward) listener.plaintext().orElseThrow();
        assertThat(forward.forward().destinations()).singleElement().satisfies(destination -> {
            assertThat(destination.clusterName()).isEqualTo("outbound|27017||mongodb.bookinfo-namespace.svc.cluster.local");
            assertThat(destination.cluster().orElseThrow().endpoints()).extracting(e -> e.address() + ":" + e.port())
                    .containsExactly("127.0.0.1:9310");
        });
    }

    @Test
    void withoutTheSecretsDirectoryTheCredentialNameIsAnError() {
        LoadResult result = SampleFolders.load("bookinfo-tls");

        assertThat(ConfigFixture.errors(result)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("bookinfo-secret", "needs --secrets-dir"));
    }
}

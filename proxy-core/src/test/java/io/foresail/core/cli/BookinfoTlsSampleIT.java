package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-samples/bookinfo-tls} started as its comments say (with {@code --secrets-dir} on its
 * secrets folder), answering as they say: the Bookinfo Gateway of the Istio reference with
 * httpsRedirect on 80, HTTPS from files on 443 and from a credentialName on 9443, wildcard HTTP on
 * 9080 and the MONGO port 2379 forwarded as raw TCP.
 */
class BookinfoTlsSampleIT {

    private static final Path SAMPLE = Path.of("..", "config-samples", "bookinfo-tls");

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private RunningSample sample;

    @BeforeEach
    void start() throws Exception {
        sample = closer.register(RunningSample.start("bookinfo-tls", dir));
    }

    /** The certificate of a sample PEM file (after its one-line "SAMPLE ONLY" preamble). */
    private static X509Certificate certificate(String file) throws Exception {
        String text = Files.readString(SAMPLE.resolve(file), StandardCharsets.US_ASCII);
        String pem = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private SSLSocket tls(int gatewayPort, String serverName) throws Exception {
        return closer.register(TlsSockets.connect(sample.proxyPort(gatewayPort), serverName));
    }

    private static RawHttpClient.Response get(Socket socket, String host, String path) throws Exception {
        RawHttpClient client = new RawHttpClient(socket);
        return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private static String firstLine(RawHttpClient.Response response) {
        return response.status() == 200 ? response.bodyText().lines().findFirst().orElse("") : String.valueOf(response.status());
    }

    @Test
    void plainHttpOn80IsRedirectedToHttps() throws Exception {
        RawHttpClient.Response response = sample.get(80, "uk.bookinfo.com", "/productpage");

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("location")).isEqualTo("https://uk.bookinfo.com/productpage");
    }

    @Test
    void https443ServesTheCertificateFilesAndRoutesToProductpage() throws Exception {
        SSLSocket socket = tls(443, "uk.bookinfo.com");

        assertThat(TlsSockets.served(socket)).as("certs/servercert.pem").isEqualTo(certificate("certs/servercert.pem"));
        assertThat(firstLine(get(socket, "uk.bookinfo.com", "/productpage"))).isEqualTo("productpage");
    }

    @Test
    void https9443ServesTheCredentialNameSecretAndRoutesToProductpage() throws Exception {
        SSLSocket socket = tls(9443, "www.bookinfo.com");

        assertThat(TlsSockets.served(socket)).as("secrets/bookinfo-secret/tls.crt, from --secrets-dir")
                .isEqualTo(certificate("secrets/bookinfo-secret/tls.crt"));
        assertThat(firstLine(get(socket, "www.bookinfo.com", "/productpage"))).isEqualTo("productpage");
    }

    @Test
    void wildcardHttpOn9080ReachesProductpage() throws Exception {
        assertThat(sample.answer(9080, "www.bookinfo.com", "/productpage")).isEqualTo("productpage");
    }

    @Test
    void mongoPort2379ForwardsRawBytes() throws Exception {
        String request = "GET /raw HTTP/1.1\r\nHost: mongo.bookinfo.com\r\nConnection: close\r\n\r\n";
        RawHttpClient.Response response;
        try (RawHttpClient client = new RawHttpClient(sample.proxyPort(2379))) {
            response = client.exchange(request);
        }

        assertThat(firstLine(response)).as("the mongodb upstream answered").isEqualTo("mongodb");
        assertThat(response.bodyText().toLowerCase(java.util.Locale.ROOT))
                .as("the bytes arrive as sent: no header added by HTTP proxying")
                .contains("get /raw http/1.1").doesNotContain("x-forwarded-proto").doesNotContain("x-request-id");
    }
}

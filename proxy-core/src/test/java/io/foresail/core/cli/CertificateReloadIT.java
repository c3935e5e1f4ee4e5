package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.runtime.CertificateCheck;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.tls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate files replaced under a running proxy, over real sockets: new connections get the new
 * certificate, connections opened before keep theirs and keep working.
 */
class CertificateReloadIT {

    private static final int HTTPS_PORT = 443;
    private static final String HOST = "edge.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private TestPki.Issued first;
    private TestPki.Issued second;
    private StubUpstream upstream;

    @BeforeEach
    void setUp() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        first = pki.server(HOST);
        second = pki.server(HOST);
        upstream = closer.register(StubUpstream.start("edge"));
    }

    /** Port 443 terminating edge.example.com with {@code tls} (the lines under {@code mode: SIMPLE}), routed to the stub. */
    private Path config(String tls) throws Exception {
        return Files.writeString(dir.resolve("gateway.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec:
                  servers:
                  - port:
                      number: 443
                      name: https
                      protocol: HTTPS
                    hosts: ["edge.example.com"]
                    tls:
                      mode: SIMPLE
                      %s
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: edge
                spec:
                  hosts: ["edge.example.com"]
                  gateways: ["edge"]
                  http:
                  - route:
                    - destination:
                        host: edge.internal
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata:
                  name: edge
                spec:
                  hosts: ["edge.internal"]
                  resolution: STATIC
                  ports:
                  - number: 80
                    name: http
                    protocol: HTTP
                  endpoints:
                  - address: 127.0.0.1
                    ports:
                      http: %d
                """.formatted(tls, upstream.port()));
    }

    private RunningProxy start(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(List.of(args), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts; stderr: %s", err.toString(StandardCharsets.UTF_8)).isNotNull();
        return closer.register(started.proxy());
    }

    private SSLSocket connect(RunningProxy proxy) throws Exception {
        return closer.register(TlsSockets.connect(proxy.proxyPort(HTTPS_PORT), HOST));
    }

    private static String get(RawHttpClient client, String path) throws Exception {
        return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").bodyText();
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void replacedFilesAreServedToNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
        Path chain = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        copy(first.chainFile(), chain);
        copy(first.pkcs8KeyFile(), key);
        RunningProxy proxy = start("--config", config("serverCertificate: " + chain + "\n      privateKey: " + key).toString(),
                "--certificate-check-interval", "0");
        SSLSocket before = connect(proxy);
        RawHttpClient opened = closer.register(new RawHttpClient(before));
        assertThat(get(opened, "/one")).isEqualTo("edge /one");
        assertThat(TlsSockets.served(before)).isEqualTo(first.certificate());

        copy(second.chainFile(), chain);
        copy(second.pkcs8KeyFile(), key);
        CertificateCheck outcome = proxy.certificates().check().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(CertificateCheck.Published.class);
        SSLSocket after = connect(proxy);
        assertThat(TlsSockets.served(after)).as("a new connection").isEqualTo(second.certificate());
        assertThat(get(closer.register(new RawHttpClient(after)), "/two")).isEqualTo("edge /two");
        assertThat(get(opened, "/three")).as("the connection opened before keeps working").isEqualTo("edge /three");
        assertThat(TlsSockets.served(before)).as("with the certificate it was handshaken with").isEqualTo(first.certificate());
    }

    @Test
    void secretDataSymlinkSwapIsServedWithinTheCheckInterval() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("secrets").resolve("edge-credential"));
        Path firstVersion = Files.createDirectories(secret.resolve("..2026_11_21_22_00_00.1"));
        copy(first.chainFile(), firstVersion.resolve("tls.crt"));
        copy(first.pkcs8KeyFile(), firstVersion.resolve("tls.key"));
        Files.createSymbolicLink(secret.resolve("..data"), firstVersion.getFileName());
        Files.createSymbolicLink(secret.resolve("tls.crt"), Path.of("..data", "tls.crt"));
        Files.createSymbolicLink(secret.resolve("tls.key"), Path.of("..data", "tls.key"));
        RunningProxy proxy = start("--config", config("credentialName: edge-credential").toString(),
                "--secrets-dir", dir.resolve("secrets").toString(), "--certificate-check-interval", "100ms");
        SSLSocket before = connect(proxy);
        assertThat(TlsSockets.served(before)).isEqualTo(first.certificate());

        // What the kubelet does: write the new version aside, then swap ..data atomically.
        Path secondVersion = Files.createDirectories(secret.resolve("..2026_11_21_23_00_00.2"));
        copy(second.chainFile(), secondVersion.resolve("tls.crt"));
        copy(second.pkcs8KeyFile(), secondVersion.resolve("tls.key"));
        Path newData = Files.createSymbolicLink(secret.resolve("..data_tmp"), secondVersion.getFileName());
        Files.move(newData, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        List<X509Certificate> served = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !second.certificate().equals(servedToANewConnection(proxy, served))) {
            Thread.onSpinWait();
        }
        assertThat(served).as("certificates served to new connections, the last within 10 s").last()
                .isEqualTo(second.certificate());
        assertThat(proxy.snapshot().version()).isEqualTo(2);
        assertThat(get(closer.register(new RawHttpClient(before)), "/still")).as("the connection opened before keeps working")
                .isEqualTo("edge /still");
    }

    private X509Certificate servedToANewConnection(RunningProxy proxy, List<X509Certificate> served) throws Exception {
        try (SSLSocket socket = TlsSockets.connect(proxy.proxyPort(HTTPS_PORT), HOST)) {
            X509Certificate certificate = TlsSockets.served(socket);
            served.add(certificate);
            return certificate;
        }
    }
}

package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.proxy.TlsFailures;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.LoadedTlsContexts;
import io.foresail.tls.testing.PresentingKeyManager;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.TlsProviders;
import io.foresail.core.testing.YamlSnapshots;
import io.foresail.tls.context.TlsProvider;
import io.foresail.tls.testing.TestPki;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client certificates checked at the edge ({@code MUTUAL}), over real sockets, with the contexts
 * the real loader builds from certificate files, with each TLS provider: a trusted client is
 * served, a client without a certificate or with one nobody trusts is refused at the handshake,
 * and a refused handshake is an expected failure (counted, not an unexpected error).
 */
class MutualTlsIT {

    private static final int HTTPS_PORT = 443;
    private static final int TLS_PORT = 9443;
    private static final String HOST = "mtls.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static TestPki.Issued server;
    private static TestPki.Issued trustedClient;
    private static TestPki.Issued untrustedClient;

    @BeforeAll
    static void certificates() throws IOException {
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        server = pki.server(HOST);
        trustedClient = pki.client("trusted-client", "spiffe://example.com/ns/edge/sa/client");
        untrustedClient = TestPki.create(Files.createDirectories(dir.resolve("other")), "Other CA").client("stranger");
    }

    /** Port 443: HTTPS {@code MUTUAL} for {@value #HOST} with TestPki's files, routed to {@code upstream}; through ConfigLoader and TlsContextLoader. */
    private ProxyServer httpsProxy(StubUpstream upstream, TlsProvider provider) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: ["%s"]
                    tls:
                      mode: MUTUAL
                      serverCertificate: %s
                      privateKey: %s
                      caCertificates: %s
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: api}
                spec:
                  hosts: ["%s"]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: api.internal}
                ---
                """.formatted(HOST, server.chainFile(), server.pkcs8KeyFile(), pki.caFile(), HOST)
                + YamlSnapshots.staticService("api.internal", upstream);
        SnapshotHolder holder = YamlSnapshots.loadWithTls(dir, Optional.empty(), yaml, TlsProviders.available(provider));
        return start(holder);
    }

    /** Port 9443: a {@code MUTUAL} chain for {@value #HOST} whose decrypted bytes are forwarded to {@code upstreamPort}. */
    private ProxyServer tcpProxy(int upstreamPort, TlsProvider provider) {
        ServerTlsSettings mutual = new ServerTlsSettings(server.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.empty(), List.of(), true)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
        return start(LoadedTlsContexts.holder(RoutingTables.builder()
                .cluster("db.internal", endpoint("127.0.0.1", upstreamPort, 1))
                .terminatingTcpChain(TLS_PORT, "tls.db", List.of(HOST), mutual, "db.internal")
                .build(), TlsProviders.available(provider)));
    }

    private ProxyServer start(SnapshotHolder holder) {
        return closer.register(ProxyServer.start(holder, ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build()));
    }

    /** A TLS client to {@code port} with SNI {@value #HOST} and {@code keyManagers} (none: no certificate), not yet handshaken. */
    private SSLSocket client(int port, KeyManager... keyManagers) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.length == 0 ? null : keyManagers, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = closer.register((SSLSocket) context.getSocketFactory().createSocket());
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(HOST)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** The JDK's own key manager for {@code issued}: it presents the certificate only when the server's CA list names its issuer. */
    private static KeyManager[] stockKeyManagers(TestPki.Issued issued) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", issued.privateKey(), password, new Certificate[] {issued.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        return factory.getKeyManagers();
    }

    /**
     * What the server answers to {@code request} once the handshake is done: empty when the
     * handshake, the write or the read fails or the server closes without a byte. In TLS 1.3 the
     * client's handshake completes before the server has checked the client's certificate, so a
     * refusal may only show at the first read.
     */
    private static Optional<String> answer(SSLSocket socket, String request) {
        try {
            socket.startHandshake();
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int read = in.read(buffer);
            return read < 0 ? Optional.empty() : Optional.of(new String(buffer, 0, read, StandardCharsets.US_ASCII));
        } catch (IOException refused) {
            return Optional.empty();
        }
    }

    private static void awaitAtLeast(LongSupplier count, long expected, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(count.getAsLong()).as(what).isGreaterThanOrEqualTo(expected);
    }

    private static final String GET = "GET /orders HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void trustedClientCertificateIsRouted(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);

        SSLSocket socket = client(proxy.boundPort(HTTPS_PORT), stockKeyManagers(trustedClient));
        try (RawHttpClient client = new RawHttpClient(socket)) {
            RawHttpClient.Response response = client.exchange(GET);

            assertThat(response.bodyText()).isEqualTo("api /orders");
        }
        assertThat(socket.getSession().getLocalCertificates()).as("the stock key manager presented the certificate")
                .containsExactly(trustedClient.certificate());
        assertThat(proxy.counters().downstreamTlsErrors()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void clientWithoutCertificateIsRefusedAtTheHandshake(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);

        assertThat(answer(client(proxy.boundPort(HTTPS_PORT)), GET)).as("no certificate, no answer").isEmpty();

        awaitAtLeast(proxy.counters()::downstreamTlsErrors, 1, "refused handshakes counted");
        assertThat(proxy.counters().unexpectedErrors()).as("a refused handshake is no bug").isZero();
        assertThat(upstream.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void clientWithoutCertificateCountsAsACertificateFailure(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);

        assertThat(answer(client(proxy.boundPort(HTTPS_PORT)), GET)).as("no certificate, no answer").isEmpty();

        awaitAtLeast(() -> proxy.counters().downstreamTlsErrors(TlsFailures.Reason.CERTIFICATE), 1,
                "the refusal counted under reason certificate (the metrics' reason tag)");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void untrustedClientCertificateCountsAsACertificateFailure(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);
        PresentingKeyManager stranger = new PresentingKeyManager(untrustedClient.privateKey(), untrustedClient.certificate());

        assertThat(answer(client(proxy.boundPort(HTTPS_PORT), stranger), GET)).as("refused").isEmpty();

        awaitAtLeast(() -> proxy.counters().downstreamTlsErrors(TlsFailures.Reason.CERTIFICATE), 1,
                "the refusal counted under reason certificate");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void completedHandshakeIsCounted(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);

        try (RawHttpClient client = new RawHttpClient(client(proxy.boundPort(HTTPS_PORT), stockKeyManagers(trustedClient)))) {
            assertThat(client.exchange(GET).bodyText()).isEqualTo("api /orders");
        }

        awaitAtLeast(proxy.counters()::downstreamTlsHandshakes, 1, "the completed handshake counted");
        assertThat(proxy.counters().downstreamTlsHandshakes()).as("one connection, one handshake").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void untrustedClientCertificateIsCountedAsATlsErrorNotAnUnexpectedOne(TlsProvider provider) throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("api"));
        ProxyServer proxy = httpsProxy(upstream, provider);
        PresentingKeyManager stranger = new PresentingKeyManager(untrustedClient.privateKey(), untrustedClient.certificate());

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(answer(client(proxy.boundPort(HTTPS_PORT), stranger), GET)).as("attempt %d refused", attempt).isEmpty();
        }

        awaitAtLeast(proxy.counters()::downstreamTlsErrors, 3, "refused handshakes counted");
        assertThat(proxy.counters().unexpectedErrors()).as("refused handshakes are no bugs").isZero();
        assertThat(upstream.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void untrustedClientCertificateOnATcpForwardIsCountedAsATlsError(TlsProvider provider) throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        ProxyServer proxy = tcpProxy(upstream.port(), provider);
        PresentingKeyManager stranger = new PresentingKeyManager(untrustedClient.privateKey(), untrustedClient.certificate());

        assertThat(answer(client(proxy.boundPort(TLS_PORT), stranger), "hello")).as("no echo through a refused handshake").isEmpty();

        awaitAtLeast(proxy.counters()::downstreamTlsErrors, 1, "refused handshakes counted");
        assertThat(proxy.counters().unexpectedErrors()).as("a refused handshake is no bug").isZero();
    }
}

package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.http.LocalReplies;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.MapTlsContexts;
import io.foresail.core.testing.NettyLeakDetection;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.TlsClusterTables;
import io.foresail.core.testing.TlsStubUpstream;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS origination to upstreams over real sockets: raw client → proxy (plaintext listener) → TLS
 * upstream (JDK {@code HttpsServer} with self-signed certificates), with client contexts built here
 * as the snapshot's {@code TlsContexts} would hold them.
 */
@ExtendWith(NettyLeakDetection.class)
@SuppressWarnings("deprecation") // SelfSignedCertificate: deprecated in Netty 4.2, still the simplest in-process certificate
class UpstreamTlsIT {

    private static final int GATEWAY_PORT = 8080;
    private static final String VERIFY_FAILED = LocalReplies.CONNECT_FAILURE + ", transport failure reason: "
            + "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end";

    private static SelfSignedCertificate secureCertificate;
    private static SelfSignedCertificate configuredCertificate;
    private static SelfSignedCertificate strangerCertificate;
    private static SelfSignedCertificate clientCertificate;

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();

    @BeforeAll
    static void certificates() throws Exception {
        secureCertificate = new SelfSignedCertificate("secure.example");
        configuredCertificate = new SelfSignedCertificate("configured.example");
        strangerCertificate = new SelfSignedCertificate("secure.example");
        clientCertificate = new SelfSignedCertificate("client.example");
    }

    @AfterAll
    static void deleteCertificates() {
        for (SelfSignedCertificate certificate : List.of(secureCertificate, configuredCertificate, strangerCertificate,
                clientCertificate)) {
            certificate.delete();
        }
    }

    private static UpstreamTlsSettings simple(String sni) {
        return new UpstreamTlsSettings(Optional.empty(), Optional.empty(), sni, List.of(), false);
    }

    /** A client context trusting {@code trusted} that leaves server-name checks to the proxy. */
    private static SslContext trusting(SelfSignedCertificate trusted) throws Exception {
        return SslContextBuilder.forClient().trustManager(trusted.cert()).endpointIdentificationAlgorithm(null).build();
    }

    private TlsStubUpstream upstream(SelfSignedCertificate certificate) throws Exception {
        return closer.register(TlsStubUpstream.start("secure", certificate));
    }

    /** A proxy routing {@code domains} on the gateway port to one TLS cluster with {@code settings}. */
    private ProxyServer proxyTo(TlsStubUpstream upstream, UpstreamTlsSettings settings, SslContext context,
                                String... domains) {
        TlsClusterTables tables = TlsClusterTables.builder()
                .tlsCluster("secure.example", settings, endpoint("127.0.0.1", upstream.port(), 1));
        for (String domain : domains) {
            tables.route(GATEWAY_PORT, domain, "secure.example");
        }
        ProxyServerOptions options = ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build();
        return closer.register(ProxyServer.start(tables.holder(new MapTlsContexts(Map.of(settings, context))), options,
                outcomes));
    }

    private static RawHttpClient.Response get(ProxyServer proxy, String path, String host) throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        }
    }

    @Test
    void simpleOriginationKeepsOneConnectionPooledAcrossRequests() throws Exception {
        TlsStubUpstream upstream = upstream(secureCertificate);
        ProxyServer proxy = proxyTo(upstream, simple(""), trusting(secureCertificate), "secure.example");

        for (String path : List.of("/a", "/b", "/c")) {
            RawHttpClient.Response response = get(proxy, path, "secure.example");
            assertThat(response.status()).as("status of %s", path).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("secure " + path);
        }

        assertThat(upstream.requests()).extracting(TlsStubUpstream.Recorded::path).containsExactly("/a", "/b", "/c");
        assertThat(upstream.connectionCount()).as("TLS connections the upstream saw for 3 requests").isEqualTo(1);
    }

    @Test
    void hostWithoutPortIsSentAsSniWhenNoneIsConfigured() throws Exception {
        TlsStubUpstream upstream = upstream(secureCertificate);
        ProxyServer proxy = proxyTo(upstream, simple(""), trusting(secureCertificate), "secure.example");

        assertThat(get(proxy, "/", "Secure.Example:8443").status()).isEqualTo(200);

        assertThat(upstream.requests()).singleElement().extracting(TlsStubUpstream.Recorded::serverName)
                .isEqualTo("secure.example");
    }

    @Test
    void configuredSniIsSentWhateverTheHost() throws Exception {
        TlsStubUpstream upstream = upstream(configuredCertificate);
        ProxyServer proxy = proxyTo(upstream, simple("configured.example"), trusting(configuredCertificate),
                "other.example");

        assertThat(get(proxy, "/", "other.example").status()).isEqualTo(200);

        assertThat(upstream.requests()).singleElement().extracting(TlsStubUpstream.Recorded::serverName)
                .isEqualTo("configured.example");
    }

    @Test
    void untrustedUpstreamCertificateIsAConnectFailure() throws Exception {
        TlsStubUpstream upstream = upstream(secureCertificate);
        ProxyServer proxy = proxyTo(upstream, simple(""), trusting(strangerCertificate), "secure.example");

        RawHttpClient.Response response = get(proxy, "/", "secure.example");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).as("after Istio's default retries on connect-failure").isEqualTo(LocalReplies.afterRetries(VERIFY_FAILED));
        ExchangeOutcome outcome = outcomes.next();
        assertThat(outcome.flag()).isEqualTo(ResponseFlag.UF);
        assertThat(get(proxy, "/", "secure.example").status()).as("the failed connection was not pooled: fails again")
                .isEqualTo(503);
        assertThat(upstream.requests()).as("requests that reached the upstream").isEmpty();
    }

    @Test
    void upstreamCertificateMustNameTheSniHost() throws Exception {
        TlsStubUpstream upstream = upstream(secureCertificate);
        ProxyServer proxy = proxyTo(upstream, simple(""), trusting(secureCertificate), "secure.example", "wrong.example");

        RawHttpClient.Response response = get(proxy, "/", "wrong.example");

        assertThat(response.status()).as("certificate for secure.example, SNI wrong.example").isEqualTo(503);
        assertThat(response.bodyText()).as("after Istio's default retries on connect-failure").isEqualTo(LocalReplies.afterRetries(VERIFY_FAILED));
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UF);
        assertThat(get(proxy, "/", "secure.example").status()).as("the same upstream under its own name").isEqualTo(200);
    }

    @Test
    void insecureSkipVerifyChecksNoServerName() throws Exception {
        TlsStubUpstream upstream = upstream(secureCertificate);
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), true);
        SslContext anyCertificate = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null).build();
        ProxyServer proxy = proxyTo(upstream, settings, anyCertificate, "wrong.example");

        assertThat(get(proxy, "/", "wrong.example").status()).isEqualTo(200);
    }

    @Test
    void mutualPresentsTheClientCertificate() throws Exception {
        TlsStubUpstream upstream = closer.register(TlsStubUpstream.requiringClientCertificate("secure", secureCertificate,
                clientCertificate.cert()));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.of(new CertificateFiles(
                clientCertificate.certificate().toPath(), clientCertificate.privateKey().toPath(), Optional.empty(), "test")),
                Optional.empty(), "", List.of(), false);
        SslContext context = SslContextBuilder.forClient().trustManager(secureCertificate.cert())
                .keyManager(clientCertificate.key(), clientCertificate.cert()).endpointIdentificationAlgorithm(null).build();
        ProxyServer proxy = proxyTo(upstream, settings, context, "secure.example");

        assertThat(get(proxy, "/", "secure.example").status()).isEqualTo(200);

        assertThat(upstream.requests()).singleElement().extracting(TlsStubUpstream.Recorded::clientSubject)
                .isEqualTo("CN=client.example");
    }

    @Test
    void upstreamRequiringAClientCertificateRefusesSimpleOrigination() throws Exception {
        TlsStubUpstream upstream = closer.register(TlsStubUpstream.requiringClientCertificate("secure", secureCertificate,
                clientCertificate.cert()));
        ProxyServer proxy = proxyTo(upstream, simple(""), trusting(secureCertificate), "secure.example");

        RawHttpClient.Response response = get(proxy, "/", "secure.example");

        // TLS 1.3: the client's handshake completes before the server refuses it, so the refusal may
        // arrive as a reset of the connection the request went out on (UC) rather than as a failed connect (UF).
        assertThat(response.status()).isEqualTo(503);
        assertThat(outcomes.next().flag()).isIn(ResponseFlag.UF, ResponseFlag.UC);
        assertThat(upstream.requests()).as("requests that reached the upstream").isEmpty();
    }
}

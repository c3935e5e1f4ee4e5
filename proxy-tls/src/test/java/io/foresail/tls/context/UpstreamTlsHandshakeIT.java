package io.foresail.tls.context;

import static io.foresail.tls.context.TlsTables.client;
import static io.foresail.tls.context.TlsTables.server;
import static io.foresail.tls.context.TlsTables.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import io.netty.handler.ssl.OpenSsl;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client contexts (upstream TLS origination) in real handshakes against servers built here, both providers. */
class UpstreamTlsHandshakeIT {

    private static final String HOST = "upstream.test";

    @TempDir
    static Path directory;
    private static TestPki pki;
    private static Issued upstream;
    private static Issued untrustedUpstream;
    private static Issued clientCertificate;
    private static TlsPeers peers;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(directory);
        upstream = pki.server(HOST);
        untrustedUpstream = TestPki.create(directory, "Other CA").server(HOST);
        clientCertificate = pki.client("gateway", "spiffe://cluster.local/ns/edge/sa/gateway");
        peers = new TlsPeers();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        peers.close();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void verifiesTheUpstreamAgainstTheCaAndThePeerHostName(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(upstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(), false);

        TlsPeers.Handshake client = peers.connect(client(available(provider), settings), HOST, server);

        assertThat(client.failure()).as("client handshake failure").isNull();
        assertThat(client.peerLeaf()).isEqualTo(upstream.certificate());
        assertThat(client.applicationProtocol()).isEqualTo("http/1.1");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void refusesACertificateForAnotherHostName(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(upstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(), false);

        assertThat(peers.connect(client(available(provider), settings), "elsewhere.test", server).succeeded())
                .as("certificate for %s accepted for elsewhere.test", HOST).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void refusesAnUpstreamFromAnotherCa(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(untrustedUpstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(), false);

        assertThat(peers.connect(client(available(provider), settings), HOST, server).succeeded()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void withoutCaCertificatesTheJdkTrustStoreRefusesTheTestCa(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(upstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), false);

        assertThat(peers.connect(client(available(provider), settings), HOST, server).succeeded()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void subjectAltNamesReplaceTheHostNameCheck(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(upstream.files())));
        UpstreamTlsSettings accepting = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(HOST), false);
        UpstreamTlsSettings refusing = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of("db.test"), false);

        TlsPeers.Handshake accepted = peers.connect(client(available(provider), accepting), "alias.test", server);
        TlsPeers.Handshake refused = peers.connect(client(available(provider), refusing), HOST, server);

        assertThat(accepted.failure()).as("handshake with an accepted SAN under another peer name").isNull();
        assertThat(refused.succeeded()).as("handshake without an accepted SAN").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void insecureSkipVerifyAcceptsAnyUpstream(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, simple(untrustedUpstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), true);

        assertThat(peers.connect(client(available(provider), settings), "elsewhere.test", server).failure()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void mutualPresentsTheClientCertificate(TlsProvider provider) throws Exception {
        ServerTlsSettings requiring = new ServerTlsSettings(upstream.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.empty(), List.of(), true)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
        TlsPeers.Server server = peers.serve(server(TlsProvider.JDK, requiring));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.of(clientCertificate.pkcs1Files()), Optional.of(pki.caFile()),
                "", List.of(), false);

        peers.connect(client(available(provider), settings), HOST, server);

        TlsPeers.Handshake accepted = server.nextHandshake();
        assertThat(accepted.failure()).as("upstream's handshake failure").isNull();
        assertThat(accepted.peerLeaf()).isEqualTo(clientCertificate.certificate());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void revocationListRefusesARevokedUpstream(TlsProvider provider) throws Exception {
        Issued revoked = pki.server(HOST);
        Path crl = pki.revocationList(revoked);
        TlsPeers.Server revokedServer = peers.serve(server(TlsProvider.JDK, simple(revoked.files())));
        TlsPeers.Server validServer = peers.serve(server(TlsProvider.JDK, simple(upstream.files())));
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(), false,
                Optional.of(crl));

        TlsPeers.Handshake refused = peers.connect(client(available(provider), settings), HOST, revokedServer);
        TlsPeers.Handshake accepted = peers.connect(client(available(provider), settings), HOST, validServer);

        assertThat(refused.succeeded()).as("revoked upstream accepted").isFalse();
        assertThat(accepted.failure()).as("unrevoked upstream's handshake failure").isNull();
    }

    private static TlsProvider available(TlsProvider provider) {
        assumeTrue(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable(), "OpenSSL (netty-tcnative) does not load here");
        return provider;
    }
}

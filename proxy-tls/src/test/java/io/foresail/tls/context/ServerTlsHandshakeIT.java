package io.foresail.tls.context;

import static io.foresail.tls.context.TlsTables.server;
import static io.foresail.tls.context.TlsTables.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.tls.testing.PresentingKeyManager;
import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server contexts in real handshakes, with both providers: a JDK (or OpenSSL) Netty client against the built context. */
class ServerTlsHandshakeIT {

    private static final String HOST = "app.test";

    @TempDir
    static Path directory;
    private static TestPki pki;
    private static TestPki untrusted;
    private static Issued serverRsa;
    private static Issued serverEc;
    private static Issued trustedClient;
    private static Issued untrustedClient;
    private static TlsPeers peers;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(directory);
        untrusted = TestPki.create(directory, "Other CA");
        serverRsa = pki.server(HOST);
        serverEc = pki.serverEc(HOST);
        trustedClient = pki.client("client-a", "spiffe://cluster.local/ns/apps/sa/client-a", "client-a.test");
        untrustedClient = untrusted.client("client-a", "spiffe://cluster.local/ns/apps/sa/client-a");
        peers = new TlsPeers();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        peers.close();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void simpleHandshakeServesTheRsaCertificateOverTls13(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), simple(serverRsa.files())));

        TlsPeers.Handshake client = peers.connect(client(SslProvider.JDK).build(), HOST, server);

        assertThat(client.failure()).as("client handshake failure").isNull();
        assertThat(client.protocol()).isEqualTo("TLSv1.3");
        assertThat(client.peerLeaf()).isEqualTo(serverRsa.certificate());
        assertThat(server.nextHandshake().succeeded()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void simpleHandshakeServesAnEcCertificateWithItsPkcs1Key(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), simple(serverEc.pkcs1Files())));

        TlsPeers.Handshake client = peers.connect(client(SslProvider.JDK).protocols("TLSv1.2").build(), HOST, server);

        assertThat(client.failure()).as("client handshake failure").isNull();
        assertThat(client.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
        assertThat(client.peerLeaf()).isEqualTo(serverEc.certificate());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void encryptedKeyWithPasswordFileServes(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), simple(serverRsa.encryptedFiles())));

        assertThat(peers.connect(client(SslProvider.JDK).build(), HOST, server).failure()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void alpnSelectsHttp11WhenTheClientAlsoOffersH2(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), simple(serverRsa.files())));
        SslContext alpnClient = client(SslProvider.JDK).applicationProtocolConfig(new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "h2", "http/1.1")).build();

        TlsPeers.Handshake client = peers.connect(alpnClient, HOST, server);

        assertThat(client.applicationProtocol()).as("ALPN protocol chosen by the server").isEqualTo("http/1.1");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void defaultMinimumRefusesATls11OnlyClient(TlsProvider provider) throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "the TLS 1.1 client needs OpenSSL (the JDK client disables TLS 1.1)");
        // CBC suites allowed so that only the protocol version can be what refuses the client
        ServerTlsSettings settings = new ServerTlsSettings(serverRsa.files(), Optional.empty(), TlsVersion.TLS_AUTO,
                TlsVersion.TLS_AUTO, List.of("ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES128-GCM-SHA256"));
        TlsPeers.Server server = peers.serve(server(available(provider), settings));

        TlsPeers.Handshake client = peers.connect(client(SslProvider.OPENSSL).protocols("TLSv1.1").build(), HOST, server);

        assertThat(client.succeeded()).as("TLS 1.1 client accepted by a default server").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL"})
    void tls11IsAcceptedWhenTheMinimumAsksForIt(TlsProvider provider) throws Exception {
        ServerTlsSettings settings = new ServerTlsSettings(serverRsa.files(), Optional.empty(), TlsVersion.TLSV1_1,
                TlsVersion.TLS_AUTO, List.of("ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES128-GCM-SHA256"));
        TlsPeers.Server server = peers.serve(server(available(provider), settings));

        TlsPeers.Handshake client = peers.connect(client(SslProvider.OPENSSL).protocols("TLSv1.1").build(), HOST, server);

        assertThat(client.failure()).as("TLS 1.1 client failure").isNull();
        assertThat(client.protocol()).isEqualTo("TLSv1.1");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void minimumTls13RefusesATls12Client(TlsProvider provider) throws Exception {
        ServerTlsSettings settings = new ServerTlsSettings(serverRsa.files(), Optional.empty(), TlsVersion.TLSV1_3,
                TlsVersion.TLS_AUTO, List.of());
        TlsPeers.Server server = peers.serve(server(available(provider), settings));

        assertThat(peers.connect(client(SslProvider.JDK).protocols("TLSv1.2").build(), HOST, server).succeeded()).isFalse();
        assertThat(peers.connect(client(SslProvider.JDK).build(), HOST, server).protocol()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void maximumTls12KeepsATls13ClientAtTls12(TlsProvider provider) throws Exception {
        ServerTlsSettings settings = new ServerTlsSettings(serverRsa.files(), Optional.empty(), TlsVersion.TLS_AUTO,
                TlsVersion.TLSV1_2, List.of());
        TlsPeers.Server server = peers.serve(server(available(provider), settings));

        assertThat(peers.connect(client(SslProvider.JDK).build(), HOST, server).protocol()).isEqualTo("TLSv1.2");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void cipherSuitesRestrictTls12ToTheListedSuites(TlsProvider provider) throws Exception {
        ServerTlsSettings settings = new ServerTlsSettings(serverRsa.files(), Optional.empty(), TlsVersion.TLS_AUTO,
                TlsVersion.TLS_AUTO, List.of("ECDHE-RSA-AES256-GCM-SHA384"));
        TlsPeers.Server server = peers.serve(server(available(provider), settings));

        TlsPeers.Handshake other = peers.connect(client(SslProvider.JDK).protocols("TLSv1.2")
                .ciphers(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).build(), HOST, server);
        TlsPeers.Handshake any = peers.connect(client(SslProvider.JDK).protocols("TLSv1.2").build(), HOST, server);

        assertThat(other.succeeded()).as("client offering only an unlisted suite").isFalse();
        assertThat(any.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void defaultCipherSuitesRefuseStaticRsaKeyExchange(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), simple(serverRsa.files())));

        TlsPeers.Handshake client = peers.connect(client(SslProvider.JDK).protocols("TLSv1.2")
                .ciphers(List.of("TLS_RSA_WITH_AES_128_GCM_SHA256")).build(), HOST, server);

        assertThat(client.succeeded()).as("non-forward-secret suite accepted by the intermediate defaults").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void mutualRefusesAClientWithoutCertificate(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(true, List.of(), Optional.empty())));

        peers.connect(client(SslProvider.JDK).build(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).as("server accepted a client without certificate").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void mutualRefusesAClientCertificateFromAnotherCa(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(true, List.of(), Optional.empty())));

        peers.connect(client(SslProvider.JDK).keyManager(new PresentingKeyManager(untrustedClient.privateKey(), untrustedClient.certificate())).build(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).as("server accepted an untrusted client certificate").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void mutualAcceptsATrustedClientCertificate(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(true, List.of(), Optional.empty())));

        peers.connect(trustedClientContext(), HOST, server);

        TlsPeers.Handshake accepted = server.nextHandshake();
        assertThat(accepted.failure()).as("server handshake failure").isNull();
        assertThat(accepted.peerLeaf()).isEqualTo(trustedClient.certificate());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void optionalMutualAcceptsAClientWithoutCertificate(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(false, List.of(), Optional.empty())));

        peers.connect(client(SslProvider.JDK).build(), HOST, server);

        TlsPeers.Handshake accepted = server.nextHandshake();
        assertThat(accepted.failure()).as("server handshake failure").isNull();
        assertThat(accepted.peerCertificates()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void optionalMutualStillRefusesAnUntrustedCertificate(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(false, List.of(), Optional.empty())));

        peers.connect(client(SslProvider.JDK).keyManager(new PresentingKeyManager(untrustedClient.privateKey(), untrustedClient.certificate())).build(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void subjectAltNamesRefuseATrustedClientWithoutAnAcceptedName(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider),
                mutual(true, List.of("spiffe://cluster.local/ns/apps/sa/client-b"), Optional.empty())));

        peers.connect(trustedClientContext(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).as("client without an accepted SAN").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void subjectAltNamesAcceptAClientWithAnAcceptedUriName(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(true,
                List.of("spiffe://cluster.local/ns/apps/sa/client-b", "spiffe://cluster.local/ns/apps/sa/client-a"), Optional.empty())));

        peers.connect(trustedClientContext(), HOST, server);

        assertThat(server.nextHandshake().failure()).as("server handshake failure").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void revocationListRefusesARevokedClient(TlsProvider provider) throws Exception {
        Issued revoked = pki.client("revoked", "revoked.test");
        Path crl = pki.revocationList(revoked);
        TlsPeers.Server server = peers.serve(server(available(provider), mutual(true, List.of(), Optional.of(crl))));

        peers.connect(client(SslProvider.JDK).keyManager(revoked.privateKey(), revoked.certificate()).build(), HOST, server);
        TlsPeers.Handshake refused = server.nextHandshake();
        peers.connect(trustedClientContext(), HOST, server);
        TlsPeers.Handshake accepted = server.nextHandshake();

        assertThat(refused.succeeded()).as("revoked client accepted").isFalse();
        assertThat(accepted.failure()).as("unrevoked client's handshake failure").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void certificatePinsRefuseATrustedClientThatIsNotPinned(TlsProvider provider) throws Exception {
        Issued pinnedClient = pki.client("pinned", "pinned.test");
        TlsPeers.Server server = peers.serve(server(available(provider), pinned(List.of(),
                List.of(CertificatePinsTest.spki(pinnedClient)), List.of(CertificatePinsTest.hash(pinnedClient)))));

        peers.connect(trustedClientContext(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).as("trusted client matching no pin accepted").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void eitherPinListAcceptsAPinnedClient(TlsProvider provider) throws Exception {
        TlsPeers.Server bySpki = peers.serve(server(available(provider), pinned(List.of(),
                List.of(CertificatePinsTest.spki(trustedClient)), List.of())));
        TlsPeers.Server byHash = peers.serve(server(available(provider), pinned(List.of(),
                List.of(), List.of(CertificatePinsTest.hash(trustedClient)))));

        peers.connect(trustedClientContext(), HOST, bySpki);
        peers.connect(trustedClientContext(), HOST, byHash);

        assertThat(bySpki.nextHandshake().failure()).as("client pinned by SPKI").isNull();
        assertThat(byHash.nextHandshake().failure()).as("client pinned by certificate hash").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void subjectAltNamesAndPinsMustBothMatch(TlsProvider provider) throws Exception {
        TlsPeers.Server server = peers.serve(server(available(provider), pinned(List.of("spiffe://cluster.local/ns/apps/sa/client-b"),
                List.of(CertificatePinsTest.spki(trustedClient)), List.of())));

        peers.connect(trustedClientContext(), HOST, server);

        assertThat(server.nextHandshake().succeeded()).as("pinned client without an accepted SAN").isFalse();
    }

    private static ServerTlsSettings pinned(List<String> subjectAltNames, List<String> spki, List<String> hashes) {
        return new ServerTlsSettings(serverRsa.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.empty(), subjectAltNames, true, spki, hashes)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
    }

    private static ServerTlsSettings mutual(boolean required, List<String> subjectAltNames, Optional<Path> crl) {
        return new ServerTlsSettings(serverRsa.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), crl, subjectAltNames, required)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
    }

    private static SslContext trustedClientContext() throws SSLException {
        return client(SslProvider.JDK).keyManager(trustedClient.privateKey(), trustedClient.certificate()).build();
    }

    private static SslContextBuilder client(SslProvider provider) {
        return SslContextBuilder.forClient().sslProvider(provider).trustManager(pki.caCertificate());
    }

    private static TlsProvider available(TlsProvider provider) {
        assumeTrue(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable(), "OpenSSL (netty-tcnative) does not load here");
        return provider;
    }
}

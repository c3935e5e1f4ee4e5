package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.LoadedTlsContexts;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.TestCertificate;
import io.foresail.core.testing.TlsProviders;
import io.foresail.tls.context.TlsProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS terminated by the proxy and the decrypted bytes forwarded over TCP (a Gateway {@code TLS}
 * server with {@code SIMPLE} and a {@code tcp} route), over real sockets, with each TLS provider:
 * the client's close_notify is the end of its input, not of the connection.
 */
class TerminatedTcpForwardIT {

    private static final int TLS_PORT = 9443;
    private static final String SERVER_NAME = "db.example.com";

    private static TestCertificate certificate;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void certificate() throws Exception {
        certificate = TestCertificate.of(SERVER_NAME);
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.close();
    }

    private ProxyServer forwardingTo(int upstreamPort, TlsProvider provider) {
        return closer.register(ProxyServer.start(LoadedTlsContexts.holder(RoutingTables.builder()
                        .cluster("db.internal", endpoint("127.0.0.1", upstreamPort, 1))
                        .terminatingTcpChain(TLS_PORT, "tls.db", List.of(SERVER_NAME), certificate.settings(), "db.internal")
                        .build(), TlsProviders.available(provider)),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build()));
    }

    private SSLSocket connect(ProxyServer proxy) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = closer.register((SSLSocket) context.getSocketFactory().createSocket());
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.boundPort(TLS_PORT)), 5_000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(SERVER_NAME)));
        parameters.setProtocols(new String[] {"TLSv1.3"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK"})
    void clientShutdownOutputReachesTheUpstreamAndTheReplyStillComesBack(TlsProvider provider) throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        SSLSocket socket = connect(forwardingTo(upstream.port(), provider));

        socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.shutdownOutput();

        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .as("the echo, then the reply the upstream only sends once it read the end of input")
                .isEqualTo("hello" + EchoUpstream.BYE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK"})
    void closeNotifyAloneEndsTheClientsInputAndTheReplyEndsWithCloseNotify(TlsProvider provider) throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        ProxyServer proxy = forwardingTo(upstream.port(), provider);
        TlsStreamClient client = closer.register(TlsStreamClient.connect(proxy.boundPort(TLS_PORT), SERVER_NAME));

        client.send("hello");
        client.sendCloseNotify();

        assertThat(client.receivedUntilClosed())
                .as("the echo, then the reply the upstream only sends once close_notify ended the client's input")
                .isEqualTo("hello" + EchoUpstream.BYE);
        assertThat(client.closeNotifyReceived()).as("the proxy ended the stream with close_notify, not a truncation").isTrue();
        assertThat(proxy.counters().unexpectedErrors()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL"})
    void withOpenSslCloseNotifyEndsBothDirectionsCleanly(TlsProvider provider) throws Exception {
        // Netty's OpenSSL engine answers close_notify with its own and sends nothing after it (in
        // TLS 1.3 too): the upstream gets the end of input, the client a clean end, no reply.
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        ProxyServer proxy = forwardingTo(upstream.port(), provider);
        TlsStreamClient client = closer.register(TlsStreamClient.connect(proxy.boundPort(TLS_PORT), SERVER_NAME));

        client.sendCloseNotify();

        assertThat(client.receivedUntilClosed()).as("nothing can follow the engine's close_notify").isEmpty();
        assertThat(client.closeNotifyReceived()).isTrue();
        assertThat(proxy.counters().unexpectedErrors()).isZero();
        assertThat(proxy.counters().tcpResets()).isZero();
    }
}

package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.tcp.TcpForwarding;
import io.foresail.core.testing.MapTlsContexts;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.TestCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SNI dispatch of {@link TlsChainSelector}, in an {@link EmbeddedChannel} fed a JDK client's ClientHello. */
class TlsChainSelectorTest {

    private static final int PORT = 8443;

    private static TestCertificate exact;
    private static TestCertificate wildcard;
    private static TestCertificate fallback;

    private final ProxyCounters counters = new ProxyCounters();
    private final ProxyServerOptions options = ProxyServerOptions.defaults();
    private MapTlsContexts contexts;

    @BeforeAll
    static void certificates() throws Exception {
        exact = TestCertificate.of("a.example.com");
        wildcard = TestCertificate.of("wild.b.example.com");
        fallback = TestCertificate.of("default.example.com");
    }

    @AfterAll
    static void deleteCertificates() {
        exact.close();
        wildcard.close();
        fallback.close();
    }

    private RoutingTables tlsPort(boolean matchAll) {
        RoutingTables tables = RoutingTables.builder()
                .cluster("web.example")
                .terminatingChain(PORT, "a", List.of("a.example.com"), exact.settings(), "*", "web.example")
                .terminatingChain(PORT, "b", List.of("*.b.example.com"), wildcard.settings(), "*", "web.example");
        if (matchAll) {
            tables.terminatingChain(PORT, "default", List.of(), fallback.settings(), "*", "web.example");
        }
        contexts = new MapTlsContexts().server(exact).server(wildcard).server(fallback);
        return tables;
    }

    private EmbeddedChannel channel(SnapshotHolder holder) {
        ProxyContext context = new ProxyContext(holder, new Router(bound -> 0), outcome -> { }, counters);
        OffLoopResolverGroup resolver = new OffLoopResolverGroup(Runnable::run);
        return new EmbeddedChannel(new DownstreamChannelInitializer(context,
                loop -> EventLoopUpstreams.create(loop, NioSocketChannel.class, options.upstreamSettings(), resolver, counters),
                options, PORT, new TcpForwarding(NioSocketChannel.class, resolver, options.connectTimeout(), bound -> 0,
                        counters)));
    }

    /** The first flight of a JDK TLS client: one ClientHello, with {@code serverName} as SNI ({@code null}: none). */
    static ByteBuf clientHello(String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine(serverName == null ? "127.0.0.1" : serverName, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        engine.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return Unpooled.wrappedBuffer(out);
    }

    private static void assertTerminated(EmbeddedChannel channel) {
        assertThat(channel.pipeline().get(DownstreamChannelInitializer.TLS)).as("TLS handler in place")
                .isInstanceOf(SslHandler.class);
        assertThat(channel.pipeline().get(DownstreamChannelInitializer.TLS_CHAIN)).as("the selector is gone").isNull();
        assertThat(channel.pipeline().get(DownstreamChannelInitializer.CODEC)).as("HTTP follows TLS").isNotNull();
        ByteBuf serverHello = channel.readOutbound();
        assertThat(serverHello).as("the buffered ClientHello reached the TLS handler, which answered").isNotNull();
        assertThat(serverHello.getByte(serverHello.readerIndex())).as("a handshake record").isEqualTo((byte) 22);
        serverHello.release();
    }

    @Test
    void exactServerNameTerminatesWithItsChainsContext() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(true).holder(contexts));

        channel.writeInbound(clientHello("a.example.com"));

        assertTerminated(channel);
        assertThat(contexts.asked()).containsExactly(exact.settings());
        channel.finishAndReleaseAll();
    }

    @Test
    void clientHelloSplitAnywhereStillFindsTheChain() throws Exception {
        ByteBuf hello = clientHello("x.b.example.com");
        try {
            RoutingTables tables = tlsPort(true);
            for (int split = 1; split < hello.readableBytes(); split++) {
                contexts = new MapTlsContexts().server(exact).server(wildcard).server(fallback);
                EmbeddedChannel channel = channel(tables.holder(contexts));

                channel.writeInbound(hello.retainedSlice(0, split));
                assertThat(channel.pipeline().get(DownstreamChannelInitializer.TLS)).as("nothing chosen after %d bytes", split)
                        .isNull();
                channel.writeInbound(hello.retainedSlice(split, hello.readableBytes() - split));

                assertTerminated(channel);
                assertThat(contexts.asked()).as("split at %d", split).containsExactly(wildcard.settings());
                channel.finishAndReleaseAll();
            }
        } finally {
            hello.release();
        }
    }

    @Test
    void unknownServerNameFallsToTheMatchAllChain() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(true).holder(contexts));

        channel.writeInbound(clientHello("other.example.org"));

        assertTerminated(channel);
        assertThat(contexts.asked()).containsExactly(fallback.settings());
        channel.finishAndReleaseAll();
    }

    @Test
    void noServerNameReachesOnlyTheMatchAllChain() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(true).holder(contexts));

        channel.writeInbound(clientHello(null));

        assertTerminated(channel);
        assertThat(contexts.asked()).containsExactly(fallback.settings());
        channel.finishAndReleaseAll();
    }

    @Test
    void unknownServerNameWithoutMatchAllIsClosed() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(false).holder(contexts));

        channel.writeInbound(clientHello("other.example.org"));

        assertThat(channel.isOpen()).as("filter_chain_not_found closes").isFalse();
        assertThat(counters.noFilterChain()).isEqualTo(1);
        assertThat(contexts.asked()).isEmpty();
        assertThat(channel.finishAndReleaseAll()).as("nothing written, nothing left").isFalse();
    }

    @Test
    void noServerNameWithoutMatchAllIsClosed() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(false).holder(contexts));

        channel.writeInbound(clientHello(null));

        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.noFilterChain()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void plaintextOnAPortWithPlaintextRoutesIsServedAsHttp() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(false).route(PORT, "plain.example.com", "/", "web.example").holder(contexts));

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: nowhere.example.com\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        ByteBuf response = channel.readOutbound();
        assertThat(response).as("the plaintext routes answered").isNotNull();
        assertThat(response.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 404 Not Found\r\n");
        response.release();
        assertThat(channel.pipeline().get(DownstreamChannelInitializer.TLS_CHAIN)).isNull();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void plaintextOnAPortWithOnlyTlsChainsIsClosed() throws Exception {
        EmbeddedChannel channel = channel(tlsPort(true).holder(contexts));

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.noFilterChain()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void passthroughToAClusterWithoutEndpointsClosesAndReleasesTheClientHello() throws Exception {
        EmbeddedChannel channel = channel(RoutingTables.builder().cluster("empty.example")
                .passthroughChain(PORT, "pass", List.of("a.example.com"), "empty.example").holder());

        channel.writeInbound(clientHello("a.example.com"));

        assertThat(channel.isOpen()).as("no endpoint to forward to").isFalse();
        assertThat(counters.tcpNoUpstream()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).as("nothing written, the ClientHello released").isFalse();
    }

    @Test
    void portWithoutTlsKeepsThePlainHttpPipeline() {
        EmbeddedChannel channel = channel(RoutingTables.builder().cluster("web.example")
                .route(PORT, "example.com", "/", "web.example").holder());

        assertThat(channel.pipeline().names()).as("no TLS or SNI handler on a plaintext HTTP port")
                .startsWith(DownstreamChannelInitializer.IDLE, DownstreamChannelInitializer.CODEC,
                        DownstreamChannelInitializer.PIPELINING, DownstreamChannelInitializer.PROXY);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}

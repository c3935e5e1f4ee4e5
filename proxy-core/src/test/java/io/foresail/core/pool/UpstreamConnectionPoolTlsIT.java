package io.foresail.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.testing.NettyLeakDetection;
import io.foresail.core.testing.TlsStubUpstream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-loop pool making TLS connections to a JDK HTTPS server on 127.0.0.1:0; every pool call runs on the loop. */
@ExtendWith(NettyLeakDetection.class)
@SuppressWarnings("deprecation") // SelfSignedCertificate: deprecated in Netty 4.2, still the simplest in-process certificate
class UpstreamConnectionPoolTlsIT {

    private static final UpstreamTlsSettings SIMPLE =
            new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), false);

    private static SelfSignedCertificate upstreamCertificate;
    private static SelfSignedCertificate strangerCertificate;

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final ExecutorService resolverExecutor = Executors.newSingleThreadExecutor();
    private TlsStubUpstream upstream;
    private UpstreamConnectionPool pool;

    @BeforeAll
    static void certificates() throws Exception {
        upstreamCertificate = new SelfSignedCertificate("upstream.example");
        strangerCertificate = new SelfSignedCertificate("upstream.example");
    }

    @AfterAll
    static void deleteCertificates() {
        upstreamCertificate.delete();
        strangerCertificate.delete();
    }

    @BeforeEach
    void start() throws Exception {
        upstream = TlsStubUpstream.start("upstream", upstreamCertificate);
        pool = new UpstreamConnectionPool(loop, NioSocketChannel.class,
                new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(60), 4096, 8192, 8192),
                new OffLoopResolverGroup(resolverExecutor), ChannelInboundHandlerAdapter::new);
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        upstream.close();
        resolverExecutor.shutdownNow();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private PoolKey key(String serverName) {
        return PoolKey.of("127.0.0.1", upstream.port()).withTls(TlsIdentity.of(SIMPLE, serverName));
    }

    private static SslContext trusting(SelfSignedCertificate trusted) throws Exception {
        return SslContextBuilder.forClient().trustManager(trusted.cert()).build();
    }

    private ChannelFuture connect(PoolKey key, SslContext context) throws Exception {
        ChannelFuture connect = onLoop(() -> pool.connect(key, context));
        assertThat(connect.await(5, TimeUnit.SECONDS)).as("connect settled within 5 s").isTrue();
        return connect;
    }

    @Test
    void tlsConnectCompletesOnceTheHandshakeHas() throws Exception {
        ChannelFuture connect = connect(key("upstream.example"), trusting(upstreamCertificate));

        assertThat(connect.isSuccess()).as("connect: %s", connect.cause()).isTrue();
        Channel channel = connect.channel();
        List<String> names = onLoop(() -> channel.pipeline().names());
        assertThat(names.get(0)).as("first handler").isEqualTo(UpstreamConnectionPool.TLS);
        assertThat(names).as("guard gone once the handshake succeeded").doesNotContain(HandshakeGuardHandler.NAME);
        SslHandler tls = (SslHandler) channel.pipeline().get(UpstreamConnectionPool.TLS);
        assertThat(tls.handshakeFuture().isSuccess()).isTrue();
        assertThat(tls.engine().getSession().getPeerHost()).isEqualTo("upstream.example");
        channel.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void releasedTlsConnectionServesOnlyItsOwnKey() throws Exception {
        Channel channel = connect(key("upstream.example"), trusting(upstreamCertificate)).channel();

        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        assertThat(onLoop(() -> pool.pollIdle(PoolKey.of("127.0.0.1", upstream.port()))))
                .as("plaintext key to the same address").isNull();
        assertThat(onLoop(() -> pool.pollIdle(key("other.example")))).as("another SNI").isNull();
        assertThat(onLoop(() -> pool.pollIdle(key("upstream.example")))).isSameAs(channel);
        channel.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void failedHandshakeFailsTheConnectAndClosesTheConnection() throws Exception {
        ChannelFuture connect = connect(key("upstream.example"), trusting(strangerCertificate));

        assertThat(connect.isSuccess()).isFalse();
        assertThat(TransportFailureReasons.of(connect.cause())).contains("CERTIFICATE_VERIFY_FAILED");
        assertThat(connect.channel().closeFuture().await(5, TimeUnit.SECONDS)).as("closed").isTrue();
        assertThat(onLoop(() -> pool.idleCount(key("upstream.example")))).isZero();
    }

    @Test
    void tlsKeyNeedsAnSslContextAndPlaintextKeyNone() throws Exception {
        SslContext context = trusting(upstreamCertificate);

        assertThatThrownBy(() -> onLoop(() -> pool.connect(key("upstream.example"), null)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> onLoop(() -> pool.connect(PoolKey.of("127.0.0.1", upstream.port()), context)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}

package io.foresail.tls.context;

import static io.foresail.tls.context.TlsTables.server;
import static io.foresail.tls.context.TlsTables.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.tls.testing.TestPki;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS 1.3 session resumption from server contexts: a client that connects twice with the same
 * client context resumes its first session with the ticket the server issued.
 */
class SessionResumptionIT {

    private static final String HOST = "app.test";

    @TempDir
    Path directory;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void secondConnectionResumesTheFirstSession(TlsProvider provider) throws Exception {
        assumeTrue(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable(), "BoringSSL not loadable here");
        TestPki pki = TestPki.create(directory);
        int port = serve(server(provider, simple(pki.server(HOST).files())));
        SSLContext client = clientTrusting(pki);

        long first = creationTimeOfSession(client, port);
        long second = creationTimeOfSession(client, port);

        assertThat(second).as("the second session is the first one resumed (same creation time) with provider %s", provider)
                .isEqualTo(first);
    }

    /** Connects, sends one line, reads the answer (so that the server's tickets arrive), returns the session's creation time. */
    private static long creationTimeOfSession(SSLContext client, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(HOST)));
            parameters.setProtocols(new String[] {"TLSv1.3"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).as("the server's answer").isEqualTo('o');
            return socket.getSession().getCreationTime();
        }
    }

    private static SSLContext clientTrusting(TestPki pki) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A server that answers every read with {@code ok}; returns its port. */
    private int serve(SslContext context) throws InterruptedException {
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel child) {
                        child.pipeline().addLast(context.newHandler(child.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object message) {
                                ReferenceCountUtil.release(message);
                                ctx.writeAndFlush(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }
}

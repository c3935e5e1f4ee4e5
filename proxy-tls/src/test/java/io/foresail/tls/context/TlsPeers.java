package io.foresail.tls.context;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Real TLS handshakes over loopback sockets: a Netty server on 127.0.0.1:0 with a server context,
 * and a Netty client with a client context. Each side reports its own outcome: with TLS 1.3 a
 * client can finish its handshake before the server refuses its certificate, so client-certificate
 * checks are judged on the server's side.
 */
final class TlsPeers implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    /** One side's view of a finished (or failed) handshake. */
    record Handshake(Throwable failure, String protocol, String cipherSuite, String applicationProtocol,
                     List<X509Certificate> peerCertificates) {

        boolean succeeded() {
            return failure == null;
        }

        X509Certificate peerLeaf() {
            return peerCertificates.isEmpty() ? null : peerCertificates.get(0);
        }
    }

    /** A listening server; every accepted connection's handshake outcome is queued. */
    final class Server {
        private final Channel channel;
        private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();

        private Server(SslContext context) throws InterruptedException {
            this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel child) {
                            child.pipeline().addLast(context.newHandler(child.alloc()), new Outcome(handshakes));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            channels.add(channel);
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        /** The next accepted connection's handshake, waiting at most 10 s. */
        Handshake nextHandshake() throws InterruptedException {
            Handshake handshake = handshakes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (handshake == null) {
                throw new AssertionError("no server-side handshake within " + WAIT_SECONDS + " s");
            }
            return handshake;
        }
    }

    Server serve(SslContext context) throws InterruptedException {
        return new Server(context);
    }

    /** Connects to {@code server} with {@code context}, naming the peer {@code peerHost} (SNI and verification). */
    Handshake connect(SslContext context, String peerHost, Server server) throws InterruptedException {
        BlockingQueue<Handshake> outcome = new LinkedBlockingQueue<>();
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(context.newHandler(socket.alloc(), peerHost, server.port()), new Outcome(outcome));
                    }
                })
                .connect("127.0.0.1", server.port()).sync().channel();
        try {
            Handshake handshake = outcome.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (handshake == null) {
                throw new AssertionError("no client-side handshake within " + WAIT_SECONDS + " s");
            }
            return handshake;
        } finally {
            channel.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Channel channel : channels) {
            channel.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, WAIT_SECONDS, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Reports the handshake outcome once and drops (releases) any application data. */
    private static final class Outcome extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Handshake> handshakes;
        private boolean reported;

        Outcome(BlockingQueue<Handshake> handshakes) {
            this.handshakes = handshakes;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && !reported) {
                reported = true;
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                if (!completion.isSuccess()) {
                    handshakes.add(new Handshake(completion.cause(), null, null, null, List.of()));
                    ctx.close();
                    return;
                }
                SSLSession session = ssl.engine().getSession();
                handshakes.add(new Handshake(null, session.getProtocol(), session.getCipherSuite(), ssl.applicationProtocol(),
                        peerCertificates(session)));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReferenceCountUtil.release(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static List<X509Certificate> peerCertificates(SSLSession session) {
            try {
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : session.getPeerCertificates()) {
                    certificates.add((X509Certificate) certificate);
                }
                return certificates;
            } catch (SSLPeerUnverifiedException e) {
                return List.of();
            }
        }
    }
}

package io.foresail.core.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TLS 1.3 client (the JDK's engine in Netty) for byte streams through the proxy, which, unlike
 * {@code SSLSocket.shutdownOutput()}, can send close_notify without ending its TCP output, and
 * tells whether the server ended its stream with close_notify or just closed (a truncation).
 * Every wait is bounded by ten seconds.
 */
final class TlsStreamClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Void> closeNotifyReceived = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Channel channel;
    private SslHandler tls;

    /** Connects to {@code 127.0.0.1:port} with SNI {@code serverName} and completes the handshake. */
    static TlsStreamClient connect(int port, String serverName) throws Exception {
        TlsStreamClient client = new TlsStreamClient();
        try {
            client.open(port, serverName);
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    private void open(int port, String serverName) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        io.netty.channel.ChannelFuture connected = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls = context.newHandler(ch.alloc(), serverName, port);
                        ch.pipeline().addLast(tls, new Collector());
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port));
        channel = connected.channel();
        connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
        tls.handshakeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends close_notify; the TCP connection stays open both ways. */
    void sendCloseNotify() throws Exception {
        tls.closeOutbound().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until the server has closed the connection; what it sent. */
    String receivedUntilClosed() throws Exception {
        closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        return channel.eventLoop().submit(() -> received.toString(StandardCharsets.US_ASCII)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the server sent close_notify before closing (and not an error alert, nor nothing). */
    boolean closeNotifyReceived() {
        return closeNotifyReceived.isDone() && !closeNotifyReceived.isCompletedExceptionally();
    }

    @Override
    public void close() throws Exception {
        if (channel != null) {
            channel.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private final class Collector extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                buf.readBytes(received, buf.readableBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslCloseCompletionEvent closeNotify) {
                if (closeNotify.isSuccess()) {
                    closeNotifyReceived.complete(null);
                } else {
                    closeNotifyReceived.completeExceptionally(closeNotify.cause());
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closed.completeExceptionally(cause);
            ctx.close();
        }
    }
}

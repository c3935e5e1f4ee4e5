package io.foresail.core.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 listener for the status, admin and metrics ports: exact paths to
 * {@link AdminEndpoint}s, small requests aggregated (these are not proxy paths), 404 otherwise.
 * It runs on its own event loop group so that a slow scrape never delays proxied traffic.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final String name;
    private final Channel channel;

    private LocalHttpServer(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and serves {@code endpoints} by exact path.
     *
     * @throws IllegalStateException naming the listener and port when the bind fails
     */
    public static LocalHttpServer start(String name, EventLoopGroup group, String host, int port,
                                        Map<String, AdminEndpoint> endpoints) {
        Map<String, AdminEndpoint> routes = Map.copyOf(endpoints);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        ch.pipeline().addLast("endpoints", new EndpointHandler(routes));
                    }
                });
        try {
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            return new LocalHttpServer(name, channel);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " port " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class EndpointHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Map<String, AdminEndpoint> routes;

        EndpointHandler(Map<String, AdminEndpoint> routes) {
            this.routes = routes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            AdminResponse answer;
            if (request.decoderResult().isFailure()) {
                answer = AdminResponse.text(400, "bad request\n");
            } else {
                QueryStringDecoder query = new QueryStringDecoder(request.uri());
                AdminEndpoint endpoint = routes.get(query.path());
                answer = endpoint == null
                        ? AdminResponse.text(404, "no such endpoint: " + query.path() + "\n")
                        : safely(endpoint, request.method().name(), query);
            }
            boolean head = request.method().equals(HttpMethod.HEAD);
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.valueOf(answer.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(request) && !request.decoderResult().isFailure();
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static AdminResponse safely(AdminEndpoint endpoint, String method, QueryStringDecoder query) {
            try {
                return endpoint.handle(method, query.parameters());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "admin endpoint " + query.path() + " failed", e);
                return AdminResponse.text(500, "internal error: " + e + "\n");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

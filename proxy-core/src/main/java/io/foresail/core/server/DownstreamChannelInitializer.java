package io.foresail.core.server;

import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.TcpForward;
import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.PipelinedRequestGate;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyHandler;
import io.foresail.core.router.ConnectionRoutes;
import io.foresail.core.tcp.TcpForwardHandler;
import io.foresail.core.tcp.TcpForwarding;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * Assembles the pipeline of an accepted connection, by what the port's listener in the current
 * snapshot serves:
 * <ul>
 *   <li>TLS chains: {@value #TLS_CHAIN} ({@link TlsChainSelector}), which reads the ClientHello's
 *       SNI and replaces itself with what the chosen chain (or, for a connection that is not TLS,
 *       the plaintext target) needs;</li>
 *   <li>a plaintext TCP forward: {@value #TCP} ({@link TcpForwardHandler});</li>
 *   <li>plaintext HTTP (and a port without listener, which answers 404): {@value #IDLE} →
 *       {@value #CODEC} → {@value #PIPELINING} → {@value #PROXY}.</li>
 * </ul>
 * No aggregator: bodies stream through as the decoder's buffers. The gate and the proxy handler
 * share the connection's one {@link DownstreamReads}. {@code Expect: 100-continue} is answered by
 * the exchange once it forwards the request, never here: a pipelined request's 100 must follow
 * the previous response, and a request answered locally gets no 100.
 */
final class DownstreamChannelInitializer extends ChannelInitializer<Channel> {

    static final String IDLE = "idle-state";
    static final String CODEC = "http-server-codec";
    static final String PIPELINING = "pipelining-gate";
    static final String PROXY = "proxy";
    static final String TLS_CHAIN = "tls-chain-selector";
    static final String TLS = "tls";
    static final String TCP = "tcp-forward";

    private final ProxyContext context;
    private final Function<EventLoop, EventLoopUpstreams> upstreamsByLoop;
    private final ProxyServerOptions options;
    private final int gatewayPort;
    private final TcpForwarding forwarding;
    private final ChannelGroup accepted;
    private final ListenerConnections connections;

    DownstreamChannelInitializer(ProxyContext context, Function<EventLoop, EventLoopUpstreams> upstreamsByLoop,
                                 ProxyServerOptions options, int gatewayPort, TcpForwarding forwarding) {
        this(context, upstreamsByLoop, options, gatewayPort, forwarding, null, new ListenerConnections());
    }

    /**
     * @param accepted    where every accepted connection is added, so the server can close them all; {@code null}: nowhere
     * @param connections where every accepted connection is counted while it is open
     */
    DownstreamChannelInitializer(ProxyContext context, Function<EventLoop, EventLoopUpstreams> upstreamsByLoop,
                                 ProxyServerOptions options, int gatewayPort, TcpForwarding forwarding,
                                 ChannelGroup accepted, ListenerConnections connections) {
        this.context = context;
        this.upstreamsByLoop = upstreamsByLoop;
        this.options = options;
        this.gatewayPort = gatewayPort;
        this.forwarding = forwarding;
        this.accepted = accepted;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (accepted != null) {
            accepted.add(ch);
        }
        connections.accepted(ch);
        PortListener listener = context.snapshots().current().table().listener(gatewayPort);
        if (listener != null && listener.hasTls()) {
            ch.pipeline().addLast(TLS_CHAIN, new TlsChainSelector(this, context.snapshots(), gatewayPort, context.counters()));
            return;
        }
        ChainTarget plaintext = listener == null ? null : listener.plaintext().orElse(null);
        if (plaintext instanceof TcpForward forward) {
            ch.pipeline().addLast(TCP, tcpForwarder(ch, forward));
            return;
        }
        addHttpHandlers(ch, ConnectionRoutes.plaintext(gatewayPort));
    }

    /** Appends the handlers serving HTTP/1.1 requests routed through {@code routes}. */
    void addHttpHandlers(Channel ch, ConnectionRoutes routes) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setMaxChunkSize(options.maxChunkSize());
        DownstreamReads reads = new DownstreamReads(ch);
        ch.pipeline()
                .addLast(IDLE, new IdleStateHandler(options.downstreamIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(CODEC, new HttpServerCodec(decoder))
                .addLast(PIPELINING, new PipelinedRequestGate(reads))
                .addLast(PROXY, new ProxyHandler(context, upstreamsByLoop.apply(ch.eventLoop()), routes, reads));
    }

    /** The handler forwarding the connection's bytes as {@code target} says. */
    ChannelHandler tcpForwarder(Channel ch, TcpForward target) {
        return new TcpForwardHandler(target, upstreamsByLoop.apply(ch.eventLoop()).balancers(), forwarding);
    }

    /** The handlers serving a (plaintext or decrypted) connection whose target is {@code target}, appended. */
    void addTargetHandlers(Channel ch, ChainTarget target, ConnectionRoutes routes) {
        if (target instanceof HttpRoutes) {
            addHttpHandlers(ch, routes);
        } else {
            ch.pipeline().addLast(TCP, tcpForwarder(ch, (TcpForward) target));
        }
    }
}

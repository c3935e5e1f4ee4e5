package io.foresail.core.server;

import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.PipelinedRequestGate;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * Assembles the pipeline of an accepted HTTP/1.1 connection:
 * {@value #IDLE} → {@value #CODEC} → {@value #PIPELINING} → {@value #PROXY}.
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

    private final ProxyContext context;
    private final Function<EventLoop, EventLoopUpstreams> upstreamsByLoop;
    private final ProxyServerOptions options;
    private final int gatewayPort;

    DownstreamChannelInitializer(ProxyContext context, Function<EventLoop, EventLoopUpstreams> upstreamsByLoop,
                                 ProxyServerOptions options, int gatewayPort) {
        this.context = context;
        this.upstreamsByLoop = upstreamsByLoop;
        this.options = options;
        this.gatewayPort = gatewayPort;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setMaxChunkSize(options.maxChunkSize());
        DownstreamReads reads = new DownstreamReads(ch);
        ch.pipeline()
                .addLast(IDLE, new IdleStateHandler(options.downstreamIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(CODEC, new HttpServerCodec(decoder))
                .addLast(PIPELINING, new PipelinedRequestGate(reads))
                .addLast(PROXY, new ProxyHandler(context, upstreamsByLoop.apply(ch.eventLoop()), gatewayPort, reads));
    }
}

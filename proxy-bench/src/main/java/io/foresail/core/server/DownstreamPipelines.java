package io.foresail.core.server;

import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.tcp.TcpForwarding;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.function.Function;

/**
 * For proxy-bench, which shares this package with proxy-core so that it can use the package-private
 * {@link DownstreamChannelInitializer} as it is: an accepted connection whose pipeline the server's
 * own initializer assembled, in an {@link EmbeddedChannel}.
 */
public final class DownstreamPipelines {

    private DownstreamPipelines() {
    }

    /**
     * A connection accepted on {@code gatewayPort}, registered on its own
     * {@link io.netty.channel.embedded.EmbeddedEventLoop}, with the pipeline
     * {@link DownstreamChannelInitializer} builds for the listener of the current snapshot.
     */
    public static EmbeddedChannel accepted(ProxyContext context, Function<EventLoop, EventLoopUpstreams> upstreamsByLoop,
                                           ProxyServerOptions options, int gatewayPort, TcpForwarding forwarding) {
        return new EmbeddedChannel(new DownstreamChannelInitializer(context, upstreamsByLoop, options, gatewayPort,
                forwarding));
    }
}

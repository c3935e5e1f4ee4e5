package io.foresail.core.proxy;

import io.foresail.core.pool.ConnectObserver;
import io.foresail.core.pool.UpstreamConnectionPool;
import io.foresail.core.pool.UpstreamSettings;
import io.foresail.core.upstream.LiveUpstreams;
import io.foresail.core.upstream.LoadBalancers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolverGroup;
import java.util.Objects;

/**
 * The upstream state one event loop owns: its load-balancer positions and its connection pool.
 * Every downstream connection on that loop uses this one instance, without locks.
 */
public record EventLoopUpstreams(LoadBalancers balancers, UpstreamConnectionPool pool) {

    public EventLoopUpstreams {
        Objects.requireNonNull(balancers, "balancers");
        Objects.requireNonNull(pool, "pool");
    }

    /** Upstream state for {@code loop}, with pooled connections that deliver responses to exchanges. */
    public static EventLoopUpstreams create(EventLoop loop, Class<? extends Channel> channelType, UpstreamSettings settings,
                                            AddressResolverGroup<?> resolver, ProxyCounters counters) {
        return create(loop, channelType, settings, resolver, counters, ConnectObserver.NONE);
    }

    /** As {@link #create(EventLoop, Class, UpstreamSettings, AddressResolverGroup, ProxyCounters)}, telling {@code connects} each connect outcome. */
    public static EventLoopUpstreams create(EventLoop loop, Class<? extends Channel> channelType, UpstreamSettings settings,
                                            AddressResolverGroup<?> resolver, ProxyCounters counters,
                                            ConnectObserver connects) {
        return new EventLoopUpstreams(new LoadBalancers(), new UpstreamConnectionPool(loop, channelType, settings, resolver,
                () -> new UpstreamHandler(counters), connects));
    }

    /**
     * Follows a newly published snapshot: keeps the balancers of unchanged clusters and the pooled
     * connections of endpoints still reached, drains the rest. Runs on this state's event loop.
     */
    public void retain(LiveUpstreams live) {
        balancers.retain(live.clusters());
        pool.retain(live::reaches);
    }
}

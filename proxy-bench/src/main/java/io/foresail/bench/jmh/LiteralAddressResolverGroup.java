package io.foresail.bench.jmh;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.NoopAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;

/**
 * A resolver group for upstreams on an {@link io.netty.channel.embedded.EmbeddedEventLoop}, whose
 * endpoints are IP literals (already resolved, as the proxy's own resolver group leaves them).
 * {@link AddressResolverGroup#getResolver} would watch the loop's termination future, which an
 * embedded loop does not have; this group hands out one resolver that resolves nothing.
 */
final class LiteralAddressResolverGroup extends AddressResolverGroup<SocketAddress> {

    private AddressResolver<SocketAddress> resolver;

    @Override
    public AddressResolver<SocketAddress> getResolver(EventExecutor executor) {
        if (resolver == null) {
            resolver = new NoopAddressResolver(executor);
        }
        return resolver;
    }

    @Override
    protected AddressResolver<SocketAddress> newResolver(EventExecutor executor) {
        return new NoopAddressResolver(executor);
    }
}

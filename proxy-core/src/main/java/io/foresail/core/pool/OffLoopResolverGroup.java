package io.foresail.core.pool;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** Gives each event loop an {@link OffLoopNameResolver} that shares one blocking executor. */
public final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Executor blockingExecutor;

    /** @param blockingExecutor where JDK name lookups run; never an event loop */
    public OffLoopResolverGroup(Executor blockingExecutor) {
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new OffLoopNameResolver(executor, blockingExecutor).asAddressResolver();
    }
}

package io.foresail.core.pool;

import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resolves host names with the JDK resolver on a separate executor, never on an event loop;
 * the promise completes on the event loop that asked. IP literals never get here: their
 * {@link PoolKey} address is already resolved.
 */
final class OffLoopNameResolver extends InetNameResolver {

    private final Executor blockingExecutor;

    OffLoopNameResolver(EventExecutor executor, Executor blockingExecutor) {
        super(executor);
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected void doResolve(String inetHost, Promise<InetAddress> promise) {
        submit(promise, () -> promise.trySuccess(InetAddress.getByName(inetHost)));
    }

    @Override
    protected void doResolveAll(String inetHost, Promise<List<InetAddress>> promise) {
        submit(promise, () -> promise.trySuccess(Arrays.asList(InetAddress.getAllByName(inetHost))));
    }

    private void submit(Promise<?> promise, Lookup lookup) {
        try {
            blockingExecutor.execute(() -> {
                try {
                    lookup.run();
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }

    @FunctionalInterface
    private interface Lookup {
        void run() throws Exception;
    }
}

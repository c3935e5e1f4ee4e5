package io.foresail.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-loop pool against a plain TCP acceptor on 127.0.0.1:0; every pool call runs on the pool's loop. */
class UpstreamConnectionPoolIT {

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final List<String> resolverThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService resolverExecutor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-resolver"));
    private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private ServerSocket server;
    private Thread acceptor;
    private UpstreamConnectionPool pool;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // test over
            }
        }, "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        pool = poolWithIdleTimeout(Duration.ofSeconds(60));
    }

    private UpstreamConnectionPool poolWithIdleTimeout(Duration idleTimeout) {
        return pool(idleTimeout, ConnectObserver.NONE);
    }

    private UpstreamConnectionPool pool(Duration idleTimeout, ConnectObserver connects) {
        OffLoopResolverGroup resolver = new OffLoopResolverGroup(task -> resolverExecutor.execute(() -> {
            resolverThreads.add(Thread.currentThread().getName());
            task.run();
        }));
        return new UpstreamConnectionPool(loop, NioSocketChannel.class,
                new UpstreamSettings(Duration.ofSeconds(2), idleTimeout, 4096, 8192, 8192), resolver,
                ChannelInboundHandlerAdapter::new, connects);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        resolverExecutor.shutdownNow();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private Channel connect(UpstreamConnectionPool target, PoolKey key) throws Exception {
        ChannelFuture connect = onLoop(() -> target.connect(key));
        assertThat(connect.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(connect.isSuccess()).as("connect to %s: %s", key, connect.cause()).isTrue();
        return connect.channel();
    }

    private PoolKey key() {
        return PoolKey.of("127.0.0.1", server.getLocalPort());
    }

    @Test
    void bytesReadAreCountedBeforeDecoding() throws Exception {
        Channel channel = connect(pool, key());
        Socket upstream = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(onLoop(() -> UpstreamConnectionPool.bytesRead(channel))).isZero();

        upstream.getOutputStream().write("HTTP/1.1 2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        upstream.getOutputStream().flush();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long read = 0;
        while (read < 10 && System.nanoTime() < deadline) {
            read = onLoop(() -> UpstreamConnectionPool.bytesRead(channel));
        }
        assertThat(read).as("bytes of a status line the codec cannot decode yet").isEqualTo(10);
        assertThat(channel.close().await(5, TimeUnit.SECONDS)).as("closed, so the codec releases the partial line").isTrue();
    }

    @Test
    void releasedConnectionIsReused() throws Exception {
        Channel channel = connect(pool, key());

        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        assertThat(onLoop(() -> pool.idleCount(key()))).isEqualTo(1);
        assertThat(onLoop(() -> pool.pollIdle(key()))).isSameAs(channel);
        assertThat(onLoop(() -> pool.pollIdle(key()))).as("taken, so no longer idle").isNull();
    }

    @Test
    void openAndIdleCountsFollowAConnectionThroughThePool() throws Exception {
        Channel channel = connect(pool, key());
        assertThat(pool.openConnections()).as("connected, in use").isEqualTo(1);
        assertThat(pool.idleConnections()).as("in use, not idle").isZero();

        onLoop(() -> {
            pool.release(channel);
            return null;
        });
        assertThat(pool.idleConnections()).as("released").isEqualTo(1);

        onLoop(() -> pool.pollIdle(key()));
        assertThat(pool.idleConnections()).as("taken again").isZero();

        assertThat(channel.close().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(onLoop(pool::openConnections)).as("closed").isZero();
    }

    @Test
    void idleConnectionClosedByTheUpstreamLeavesTheCounts() throws Exception {
        Channel channel = connect(pool, key());
        Socket upstream = accepted.poll(5, TimeUnit.SECONDS);
        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        upstream.close();

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).as("the pool sees the upstream close").isTrue();
        assertThat(onLoop(pool::idleConnections)).as("no longer idle").isZero();
        assertThat(onLoop(pool::openConnections)).as("no longer open").isZero();
    }

    @Test
    void closeIdleEmptiesTheIdleCount() throws Exception {
        Channel first = connect(pool, key());
        Channel second = connect(pool, key());
        onLoop(() -> {
            pool.release(first);
            pool.release(second);
            return null;
        });

        onLoop(() -> {
            pool.closeIdle();
            return null;
        });

        assertThat(onLoop(pool::idleConnections)).as("every idle connection closed").isZero();
        assertThat(onLoop(pool::openConnections)).as("and not open").isZero();
    }

    @Test
    void mostRecentlyReleasedConnectionComesFirst() throws Exception {
        Channel first = connect(pool, key());
        Channel second = connect(pool, key());

        onLoop(() -> {
            pool.release(first);
            pool.release(second);
            return null;
        });

        assertThat(onLoop(() -> pool.pollIdle(key()))).isSameAs(second);
        assertThat(onLoop(() -> pool.pollIdle(key()))).isSameAs(first);
    }

    @Test
    void connectionsAreKeptPerKey() throws Exception {
        Channel channel = connect(pool, key());
        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        assertThat(onLoop(() -> pool.pollIdle(PoolKey.of("127.0.0.2", server.getLocalPort())))).isNull();
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        UpstreamConnectionPool shortIdle = poolWithIdleTimeout(Duration.ofMillis(200));
        Channel channel = connect(shortIdle, key());

        onLoop(() -> {
            shortIdle.release(channel);
            return null;
        });

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).as("closed by the idle timeout").isTrue();
        assertThat(onLoop(() -> shortIdle.idleCount(key()))).isZero();
    }

    @Test
    void connectionInUseIsNotClosedByTheIdleTimeout() throws Exception {
        UpstreamConnectionPool shortIdle = poolWithIdleTimeout(Duration.ofMillis(100));
        Channel inUse = connect(shortIdle, key());
        Channel idle = connect(shortIdle, key());

        onLoop(() -> {
            shortIdle.release(idle);
            return null;
        });

        assertThat(idle.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inUse.isActive()).as("a connection held by a request outlives the idle timeout").isTrue();
    }

    @Test
    void connectionClosedByTheUpstreamLeavesThePool() throws Exception {
        Channel channel = connect(pool, key());
        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        accepted.poll(5, TimeUnit.SECONDS).close();

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(onLoop(() -> pool.idleCount(key()))).isZero();
        assertThat(onLoop(() -> pool.pollIdle(key()))).isNull();
    }

    @Test
    void closeIdleClosesEveryIdleConnection() throws Exception {
        Channel channel = connect(pool, key());
        onLoop(() -> {
            pool.release(channel);
            pool.closeIdle();
            return null;
        });

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closeIdleClosesIdleConnectionsOfSeveralKeys() throws Exception {
        try (ServerSocket second = new ServerSocket()) {
            second.bind(new InetSocketAddress("127.0.0.1", 0));
            Channel first = connect(pool, key());
            Channel other = connect(pool, PoolKey.of("127.0.0.1", second.getLocalPort()));
            onLoop(() -> {
                pool.release(first);
                pool.release(other);
                pool.closeIdle();
                return null;
            });

            assertThat(first.closeFuture().await(5, TimeUnit.SECONDS)).as("first key's connection closed").isTrue();
            assertThat(other.closeFuture().await(5, TimeUnit.SECONDS)).as("second key's connection closed").isTrue();
        }
    }

    @Test
    void retainClosesIdleConnectionsOfKeysNoLongerLive() throws Exception {
        Channel channel = connect(pool, key());
        onLoop(() -> {
            pool.release(channel);
            pool.retain(key -> false);
            return null;
        });

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).as("idle connection of a retired key closed").isTrue();
        assertThat(onLoop(() -> pool.idleCount(key()))).isZero();
    }

    @Test
    void retainKeepsIdleConnectionsOfLiveKeys() throws Exception {
        try (ServerSocket second = new ServerSocket()) {
            second.bind(new InetSocketAddress("127.0.0.1", 0));
            PoolKey retired = PoolKey.of("127.0.0.1", second.getLocalPort());
            Channel kept = connect(pool, key());
            Channel gone = connect(pool, retired);
            onLoop(() -> {
                pool.release(kept);
                pool.release(gone);
                pool.retain(key -> !key.equals(retired));
                return null;
            });

            assertThat(gone.closeFuture().await(5, TimeUnit.SECONDS)).as("retired key's connection closed").isTrue();
            assertThat(kept.isOpen()).as("live key's connection open").isTrue();
            assertThat(onLoop(() -> pool.pollIdle(key()))).as("live key's connection still pooled").isSameAs(kept);
        }
    }

    @Test
    void connectionInUseOfARetiredKeyClosesWhenReleased() throws Exception {
        Channel channel = connect(pool, key());
        onLoop(() -> {
            pool.retain(key -> false);
            return null;
        });
        assertThat(channel.isOpen()).as("in use: left to finish its exchange").isTrue();

        onLoop(() -> {
            pool.release(channel);
            return null;
        });

        assertThat(channel.closeFuture().await(5, TimeUnit.SECONDS)).as("closed instead of pooled").isTrue();
        assertThat(onLoop(() -> pool.idleCount(key()))).isZero();
    }

    @Test
    void hostNamesAreResolvedOffTheEventLoop() throws Exception {
        Channel channel = connect(pool, PoolKey.of("localhost", server.getLocalPort()));

        assertThat(channel.isActive()).isTrue();
        assertThat(resolverThreads).as("threads that ran name lookups").containsOnly("test-resolver").isNotEmpty();
        channel.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void ipLiteralsNeedNoLookup() throws Exception {
        connect(pool, key()).close().await(5, TimeUnit.SECONDS);

        assertThat(resolverThreads).isEmpty();
    }

    @Test
    void refusedConnectFailsTheFuture() throws Exception {
        try (Socket boundNotListening = new Socket()) {
            boundNotListening.bind(new InetSocketAddress("127.0.0.1", 0));
            ChannelFuture connect = onLoop(() -> pool.connect(PoolKey.of("127.0.0.1", boundNotListening.getLocalPort())));

            assertThat(connect.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(connect.isSuccess()).isFalse();
        }
    }

    @Test
    void connectOutcomesAreObservedPerKey() throws Exception {
        LinkedBlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
        UpstreamConnectionPool observed = pool(Duration.ofSeconds(60), new ConnectObserver() {
            @Override
            public void connected(PoolKey key) {
                outcomes.add("connected " + key);
            }

            @Override
            public void connectFailed(PoolKey key, Throwable cause) {
                outcomes.add("failed " + key);
            }
        });
        connect(observed, key());
        assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("connected " + key());

        try (Socket boundNotListening = new Socket()) {
            boundNotListening.bind(new InetSocketAddress("127.0.0.1", 0));
            PoolKey refused = PoolKey.of("127.0.0.1", boundNotListening.getLocalPort());
            ChannelFuture connect = onLoop(() -> observed.connect(refused));
            assertThat(connect.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(outcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("failed " + refused);
        }
    }
}

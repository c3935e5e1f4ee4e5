package io.foresail.core.pool;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.AddressResolverGroup;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP/1.1 upstream connections of one event loop, keyed by {@link PoolKey}. Connections are
 * made with {@code Bootstrap.group(loop)}, so a request and its upstream connection share one
 * thread: no lock, no hop. Idle connections are reused last-in first-out and closed after the
 * idle timeout or when the upstream closes them.
 *
 * <p>When a new snapshot drops endpoints, {@link #retain} closes the idle connections of keys
 * no longer served, and connections of those keys still in use close when released instead of
 * returning to the pool.
 *
 * <p>Every method must be called on the pool's event loop, except {@link #openConnections()} and
 * {@link #idleConnections()}, which the metrics layer reads from any thread.
 *
 * <p>Pipeline of a pooled connection: [{@link #TLS} → {@link HandshakeGuardHandler} until the
 * handshake succeeded] → {@link BytesReadHandler} → {@link #CODEC} → {@link #IDLE_STATE} →
 * {@link #EXCHANGE} (from the supplier given at construction) → {@link IdleConnectionHandler}.
 *
 * <p>TLS connections (keys with a {@link TlsIdentity}) are handed out only once their handshake
 * succeeded; a failed handshake fails the connect future and closes the connection, which is
 * therefore never pooled. Plaintext connections take exactly the path they took before TLS existed.
 */
public final class UpstreamConnectionPool {

    public static final String TLS = "tls";
    public static final String CODEC = "http-client-codec";
    public static final String IDLE_STATE = "idle-state";
    public static final String EXCHANGE = "exchange";

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Map<PoolKey, ArrayDeque<Channel>> idle = new HashMap<>();
    private final UpstreamSettings settings;
    private final Supplier<? extends ChannelHandler> exchangeHandler;
    private final ConnectObserver connects;
    /** Connections made and not closed yet (connecting, in use or idle); written on the loop only. */
    private final AtomicInteger open = new AtomicInteger();
    /** Connections in {@link #idle}; written on the loop only. */
    private final AtomicInteger idleTotal = new AtomicInteger();
    /** Which keys the served snapshot still reaches; connections of other keys are not pooled. Loop-confined. */
    private Predicate<PoolKey> retained = key -> true;

    /**
     * @param loop            the event loop that owns this pool and every connection in it
     * @param channelType     the socket channel class matching the loop's transport
     * @param settings        timeouts and codec limits
     * @param resolver        resolves host names off the event loop
     * @param exchangeHandler makes the per-connection handler that delivers responses to requests
     */
    public UpstreamConnectionPool(EventLoop loop, Class<? extends Channel> channelType, UpstreamSettings settings,
                                  AddressResolverGroup<?> resolver, Supplier<? extends ChannelHandler> exchangeHandler) {
        this(loop, channelType, settings, resolver, exchangeHandler, ConnectObserver.NONE);
    }

    /**
     * As {@link #UpstreamConnectionPool(EventLoop, Class, UpstreamSettings, AddressResolverGroup, Supplier)},
     * telling {@code connects} the outcome of every connection attempt.
     */
    public UpstreamConnectionPool(EventLoop loop, Class<? extends Channel> channelType, UpstreamSettings settings,
                                  AddressResolverGroup<?> resolver, Supplier<? extends ChannelHandler> exchangeHandler,
                                  ConnectObserver connects) {
        this.loop = loop;
        this.connects = connects;
        this.settings = settings;
        this.exchangeHandler = exchangeHandler;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    public EventLoop loop() {
        return loop;
    }

    /** The most recently released idle connection for {@code key}, or {@code null} when there is none. */
    public Channel pollIdle(PoolKey key) {
        assert loop.inEventLoop() : "pollIdle off the pool's event loop";
        ArrayDeque<Channel> channels = idle.get(key);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollLast()) != null) {
            idleTotal.decrementAndGet();
            IdleConnectionHandler handler = handlerOf(channel);
            if (handler != null && channel.isActive()) {
                handler.idle(false);
                return channel;
            }
        }
        return null;
    }

    /**
     * Opens a new plaintext connection to {@code key}, which must have no TLS identity.
     *
     * @see #connect(PoolKey, SslContext)
     */
    public ChannelFuture connect(PoolKey key) {
        return connect(key, null);
    }

    /**
     * Opens a new connection to {@code key} on this pool's event loop. The connection belongs to
     * the caller until {@link #release released}; close it instead when it is not reusable.
     *
     * <p>When {@code key} has a {@link TlsIdentity}, the connection is TLS made with {@code sslContext}
     * (sending the identity's SNI, verifying the server name when the identity says so), and the
     * future completes when the handshake has: it fails, and the connection is closed, when
     * connecting or the handshake fails. The handshake is bounded by the connect timeout.
     *
     * @param sslContext the client context for {@code key}'s TLS settings; {@code null} for plaintext
     */
    public ChannelFuture connect(PoolKey key, SslContext sslContext) {
        assert loop.inEventLoop() : "connect off the pool's event loop";
        TlsIdentity tls = key.tls().orElse(null);
        if ((tls == null) != (sslContext == null)) {
            throw new IllegalArgumentException("sslContext: " + (sslContext == null ? "none" : "given")
                    + " for " + key + " (expected: one exactly when the key has a TLS identity)");
        }
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline()
                            .addLast(TLS, sslHandler(ch, key, tls, sslContext))
                            .addLast(HandshakeGuardHandler.NAME, new HandshakeGuardHandler());
                }
                ch.pipeline()
                        .addLast(BytesReadHandler.NAME, new BytesReadHandler())
                        .addLast(CODEC, new HttpClientCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(settings.maxInitialLineLength())
                                .setMaxHeaderSize(settings.maxHeaderSize())
                                .setMaxChunkSize(settings.maxChunkSize()), false, false))
                        .addLast(IDLE_STATE, new IdleStateHandler(
                                settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(EXCHANGE, exchangeHandler.get())
                        .addLast(IdleConnectionHandler.NAME, new IdleConnectionHandler(key));
                open.incrementAndGet();
                ch.closeFuture().addListener(closed -> {
                    open.decrementAndGet();
                    forget(ch);
                });
            }
        }).connect(key.remoteAddress());
        ChannelFuture ready = tls == null ? connect : afterHandshake(connect);
        ready.addListener(attempt -> {
            if (attempt.isSuccess()) {
                connects.connected(key);
            } else {
                connects.connectFailed(key, attempt.cause());
            }
        });
        return ready;
    }

    private SslHandler sslHandler(Channel channel, PoolKey key, TlsIdentity tls, SslContext sslContext) {
        String serverName = tls.serverName();
        // The peer host names the TLS session for resumption and, with no SNI, is the name verified.
        SslHandler handler = sslContext.newHandler(channel.alloc(), serverName.isEmpty() ? key.host() : serverName,
                key.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // Set even when empty: the JDK engine would otherwise send the peer host as SNI by itself.
        parameters.setServerNames(serverName.isEmpty() ? List.<SNIServerName>of() : List.of(new SNIHostName(serverName)));
        if (tls.verifiesServerName()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
        return handler;
    }

    /** A future that succeeds once {@code connect} did and the TLS handshake after it succeeded. */
    private static ChannelFuture afterHandshake(ChannelFuture connect) {
        Channel channel = connect.channel();
        ChannelPromise ready = channel.newPromise();
        connect.addListener(connected -> {
            if (!connected.isSuccess()) {
                ready.tryFailure(connected.cause());
                return;
            }
            SslHandler tls = (SslHandler) channel.pipeline().get(TLS);
            if (tls == null) { // closed and emptied before the listener ran
                ready.tryFailure(new ClosedChannelException());
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    ready.trySuccess();
                } else {
                    ready.tryFailure(handshake.cause());
                    channel.close();
                }
            });
        });
        return ready;
    }

    /**
     * Returns a connection that completed its last response cleanly and may carry another
     * request. Closed connections are ignored.
     */
    public void release(Channel channel) {
        assert loop.inEventLoop() : "release off the pool's event loop";
        if (!channel.isActive()) {
            return;
        }
        IdleConnectionHandler handler = handlerOf(channel);
        if (!retained.test(handler.key())) {
            channel.close();
            return;
        }
        handler.idle(true);
        channel.config().setAutoRead(true);
        idle.computeIfAbsent(handler.key(), k -> new ArrayDeque<>(4)).addLast(channel);
        idleTotal.incrementAndGet();
    }

    /**
     * Bytes read so far from {@code channel}, a connection made by a pool, before any decoding;
     * 0 for a channel without the counter.
     */
    public static long bytesRead(Channel channel) {
        BytesReadHandler counter = (BytesReadHandler) channel.pipeline().get(BytesReadHandler.NAME);
        return counter == null ? 0 : counter.bytesRead();
    }

    /** Number of idle connections for {@code key}. */
    public int idleCount(PoolKey key) {
        assert loop.inEventLoop() : "idleCount off the pool's event loop";
        ArrayDeque<Channel> channels = idle.get(key);
        return channels == null ? 0 : channels.size();
    }

    /** Connections this pool has open now: connecting, in use or idle. Safe from any thread. */
    public int openConnections() {
        return open.get();
    }

    /** Connections idle in this pool now. Safe from any thread. */
    public int idleConnections() {
        return idleTotal.get();
    }

    /** Closes every idle connection; connections in use close with their requests. */
    public void closeIdle() {
        assert loop.inEventLoop() : "closeIdle off the pool's event loop";
        // Closing on the loop runs the close listener (forget) at once, which edits idle: empty it first.
        List<Channel> channels = new ArrayList<>();
        idle.values().forEach(channels::addAll);
        idle.clear();
        idleTotal.addAndGet(-channels.size());
        for (Channel channel : channels) {
            channel.close();
        }
    }

    /**
     * Keeps pooling only the keys {@code live} accepts, as a newly published snapshot reaches them:
     * idle connections of other keys close now, and connections of other keys in use close when
     * {@link #release released}. Idle connections of live keys stay.
     */
    public void retain(Predicate<PoolKey> live) {
        assert loop.inEventLoop() : "retain off the pool's event loop";
        retained = live;
        List<Channel> gone = new ArrayList<>();
        for (Iterator<Map.Entry<PoolKey, ArrayDeque<Channel>>> entries = idle.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<PoolKey, ArrayDeque<Channel>> entry = entries.next();
            if (!live.test(entry.getKey())) {
                gone.addAll(entry.getValue());
                entries.remove();
            }
        }
        idleTotal.addAndGet(-gone.size());
        // Removed from idle first: closing on the loop runs forget at once.
        for (Channel channel : gone) {
            channel.close();
        }
    }

    private void forget(Channel channel) {
        IdleConnectionHandler handler = handlerOf(channel);
        if (handler != null && handler.isIdle()) {
            handler.idle(false);
            ArrayDeque<Channel> channels = idle.get(handler.key());
            if (channels != null) {
                if (channels.remove(channel)) {
                    idleTotal.decrementAndGet();
                }
                if (channels.isEmpty()) {
                    idle.remove(handler.key());
                }
            }
        }
    }

    private static IdleConnectionHandler handlerOf(Channel channel) {
        return (IdleConnectionHandler) channel.pipeline().get(IdleConnectionHandler.NAME);
    }
}

package io.foresail.core.server;

import io.foresail.config.table.RoutingTable;
import io.foresail.core.http.DrainEvent;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.tcp.TcpForwarding;
import io.foresail.core.tcp.TcpObserver;
import io.foresail.core.upstream.EndpointHealthTable;
import io.foresail.core.upstream.LiveUpstreams;
import io.foresail.core.upstream.TicketSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The running data plane: one listener per Gateway port (HTTP/1.1, TLS chains chosen by SNI, TCP forwards) of the snapshot it starts with,
 * served by a group of event loops, each owning its upstream pools and load-balancer state.
 *
 * <pre>{@code
 * try (ProxyServer server = ProxyServer.start(holder, ProxyServerOptions.defaults())) {
 *     ...
 * }
 * }</pre>
 */
public final class ProxyServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());

    private final MultiThreadIoEventLoopGroup workers;
    private final ThreadPoolExecutor resolverExecutor;
    private final Map<EventLoop, EventLoopUpstreams> upstreamsByLoop;
    /** Bound listeners by Gateway port; changed by {@link #start} and {@link #follow}, read from any thread. */
    private final Map<Integer, Channel> listeners = new ConcurrentSkipListMap<>();
    /** Connections accepted on each bound Gateway port; changed with {@link #listeners}. */
    private final Map<Integer, ChannelGroup> acceptedByPort = new ConcurrentSkipListMap<>();
    /** Connection counts by Gateway port, for every port ever bound (a port bound again counts on). */
    private final Map<Integer, ListenerConnections> connectionsByPort = new ConcurrentSkipListMap<>();
    /** Connections of removed ports, draining; closed with the server. */
    private final ChannelGroup draining = new DefaultChannelGroup("foresail-draining", GlobalEventExecutor.INSTANCE);
    private final ListenAddress listenAddress;
    private final EndpointHealthTable endpointHealth = new EndpointHealthTable(Clock.systemUTC());
    private final ProxyCounters counters;
    private final ProxyServerOptions options;
    private final Transport transport;
    private final OffLoopResolverGroup resolver;
    private volatile boolean closed;
    /** Cleared for good by {@link #stopAccepting}: from then on no listener is bound, not even by a reload. */
    private volatile boolean accepting = true;
    /** Set once by {@link #start}, before any listener is bound. */
    private ProxyContext context;
    private TcpForwarding forwarding;

    private ProxyServer(ProxyServerOptions options, Transport transport, ProxyCounters counters, ListenAddress listenAddress) {
        this.options = options;
        this.listenAddress = listenAddress;
        this.transport = transport;
        this.counters = counters;
        this.workers = new MultiThreadIoEventLoopGroup(options.workerThreads(),
                new DefaultThreadFactory("foresail-worker", false), transport.ioHandlerFactory());
        this.resolverExecutor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("foresail-resolver", true));
        this.resolverExecutor.allowCoreThreadTimeOut(true);
        this.resolver = new OffLoopResolverGroup(resolverExecutor);
        Map<EventLoop, EventLoopUpstreams> byLoop = new IdentityHashMap<>();
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            byLoop.put(loop, EventLoopUpstreams.create(loop, transport.channelType(), options.upstreamSettings(), resolver, counters,
                    endpointHealth));
        }
        this.upstreamsByLoop = Collections.unmodifiableMap(byLoop);
    }

    /** Starts with the system's ticket source and no exchange observer. */
    public static ProxyServer start(SnapshotHolder holder, ProxyServerOptions options) {
        return start(holder, options, ExchangeObserver.NONE);
    }

    /**
     * Binds one listener per Gateway port of {@code holder.current()} and returns once all are
     * bound.
     *
     * @throws UncheckedIOException naming the port, e.g. {@code port 8081: Address already in use},
     *                              when a listener cannot bind; nothing is left running then
     */
    public static ProxyServer start(SnapshotHolder holder, ProxyServerOptions options, ExchangeObserver observer) {
        return start(holder, options, observer, TcpObserver.NONE);
    }

    /**
     * As {@link #start(SnapshotHolder, ProxyServerOptions, ExchangeObserver)}; {@code tcpObserver} hears
     * about every TCP-forwarded connection.
     */
    public static ProxyServer start(SnapshotHolder holder, ProxyServerOptions options, ExchangeObserver observer,
                                    TcpObserver tcpObserver) {
        return start(holder, options, observer, tcpObserver, ListenAddress.of(options));
    }

    /** As {@link #start(SnapshotHolder, ProxyServerOptions, ExchangeObserver)}, binding where {@code listenAddress} says. */
    static ProxyServer start(SnapshotHolder holder, ProxyServerOptions options, ExchangeObserver observer,
                             ListenAddress listenAddress) {
        return start(holder, options, observer, TcpObserver.NONE, listenAddress);
    }

    private static ProxyServer start(SnapshotHolder holder, ProxyServerOptions options, ExchangeObserver observer,
                                     TcpObserver tcpObserver, ListenAddress listenAddress) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(tcpObserver, "tcpObserver");
        ProxyCounters counters = new ProxyCounters();
        ProxyServer server = new ProxyServer(options, Transport.select(options.transport()), counters, listenAddress);
        TicketSource tickets = options.tickets();
        ProxyContext context = new ProxyContext(holder, new Router(tickets), observer, counters, options.clock(), tickets,
                options.serverHeader());
        TcpForwarding forwarding = new TcpForwarding(server.transport.channelType(), server.resolver,
                options.connectTimeout(), tickets, counters, tcpObserver);
        server.context = context;
        server.forwarding = forwarding;
        server.endpointHealth.follow(holder.current().table());
        try {
            for (int port : holder.current().table().ports()) {
                server.bind(context, forwarding, port);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "listening on " + server.listeners.keySet() + " with " + options.workerThreads()
                + " " + server.transport.name() + " event loops");
        return server;
    }

    private void bind(ProxyContext context, TcpForwarding forwarding, int gatewayPort) {
        ChannelGroup accepted = new DefaultChannelGroup("foresail-port-" + gatewayPort, GlobalEventExecutor.INSTANCE);
        ListenerConnections connections = connectionsByPort.computeIfAbsent(gatewayPort, port -> new ListenerConnections());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(workers)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new DownstreamChannelInitializer(context, upstreamsByLoop::get, options, gatewayPort,
                        forwarding, accepted, connections));
        ChannelFuture bound = bootstrap.bind(listenAddress.address(gatewayPort)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            int lastColon = reason.lastIndexOf(": ");
            if (lastColon >= 0) {
                reason = reason.substring(lastColon + 2);
            }
            BindException failure = new BindException("port " + gatewayPort + ": " + reason);
            failure.initCause(cause);
            throw new UncheckedIOException(failure.getMessage(), failure);
        }
        acceptedByPort.put(gatewayPort, accepted);
        listeners.put(gatewayPort, bound.channel());
    }

    /**
     * Makes the listeners follow {@code table}'s Gateway ports after it was published: binds the ports
     * that are new, and stops accepting on the ports that are gone (their server channels close) and
     * drains the connections they accepted: an idle one closes now, one with a request in progress
     * answers it with {@code connection: close} and closes ({@link DrainEvent}). Then each event loop
     * keeps the balancers and pooled connections of the clusters and endpoints {@code table} still
     * has, and drains the others ({@link EventLoopUpstreams#retain}); endpoint health starts afresh
     * ({@link #endpointHealth()}). After {@link #stopAccepting()} it binds nothing. Blocks while binding: call it
     * off the event loops (the config thread does).
     *
     * @return one line per new port that could not be bound, naming it ({@code port 8081: Address
     *         already in use}); the port stays unbound, everything else is served
     */
    public synchronized List<String> follow(RoutingTable table) {
        if (closed) {
            return List.of();
        }
        Set<Integer> wanted = new HashSet<>(table.ports());
        List<Integer> removed = new ArrayList<>();
        for (Integer port : listeners.keySet()) {
            if (!wanted.contains(port)) {
                removed.add(port);
            }
        }
        if (!removed.isEmpty()) {
            stopListening(removed);
            for (int port : removed) {
                LOG.log(System.Logger.Level.INFO, "stopped accepting on port " + port
                        + " and draining its connections: no Gateway serves it any more");
            }
        }
        List<String> failures = new ArrayList<>();
        for (int port : table.ports()) {
            if (accepting && !listeners.containsKey(port)) {
                try {
                    bind(context, forwarding, port);
                    LOG.log(System.Logger.Level.INFO, "listening on port " + port + " for a new Gateway");
                } catch (UncheckedIOException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        endpointHealth.follow(table);
        retainUpstreams(LiveUpstreams.of(table));
        return List.copyOf(failures);
    }

    /**
     * The graceful stop (SIGTERM, admin {@code /drain_listeners}): closes every listener for good (a
     * later reload binds none) and drains every accepted connection as {@link #follow} drains those
     * of a removed port: an idle one closes now, one with a request in progress answers it with
     * {@code connection: close} and closes; TCP forwards go on until their peers close them or
     * {@link #closeConnections()}. {@link #ready()} is false from now on. Returns once the listeners
     * are closed and every connection has been told. Call it off the event loops.
     *
     * @return how many accepted connections are still open
     */
    public synchronized int stopAccepting() {
        if (accepting && !closed) {
            accepting = false;
            stopListening(List.copyOf(listeners.keySet()));
        }
        return openConnections();
    }

    /** The accepted connections open now, on every port and draining. */
    public int openConnections() {
        Set<Channel> open = new HashSet<>(draining);
        for (ChannelGroup accepted : acceptedByPort.values()) {
            open.addAll(accepted);
        }
        return open.size();
    }

    /** Done once every connection that is draining now has closed (at once when none is). */
    public Future<Void> drainedConnectionsClosed() {
        return draining.newCloseFuture();
    }

    /** Closes every accepted connection now, requests in progress and TCP forwards included; the listeners stay as they are. */
    public void closeConnections() {
        for (ChannelGroup accepted : acceptedByPort.values()) {
            accepted.close().awaitUninterruptibly(options.shutdownTimeout().toMillis());
        }
        draining.close().awaitUninterruptibly(options.shutdownTimeout().toMillis());
    }

    /**
     * Closes the listeners of {@code ports} and drains the connections they accepted. A connection
     * accepted just before its listener closed may not be initialised (in its port's group) yet: it
     * is, once every event loop has run the tasks queued before an empty one.
     */
    private void stopListening(List<Integer> ports) {
        for (int port : ports) {
            listeners.remove(port).close().awaitUninterruptibly(options.shutdownTimeout().toMillis());
        }
        List<Future<?>> barriers = new ArrayList<>();
        for (EventExecutor loop : workers) {
            if (!loop.isShuttingDown()) {
                barriers.add(loop.submit(() -> { }));
            }
        }
        for (Future<?> barrier : barriers) {
            barrier.awaitUninterruptibly(options.shutdownTimeout().toMillis());
        }
        for (int port : ports) {
            drain(acceptedByPort.remove(port));
        }
    }

    /**
     * Tells each connection of {@code group}, on its own event loop, that its listener is gone, and
     * waits (at most the shutdown timeout) until each has been told.
     */
    private void drain(ChannelGroup group) {
        List<Future<?>> told = new ArrayList<>();
        for (Channel channel : group) {
            draining.add(channel);
            if (!channel.eventLoop().isShuttingDown()) {
                told.add(channel.eventLoop().submit(() -> channel.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE)));
            }
        }
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        for (Future<?> event : told) {
            event.awaitUninterruptibly(remainingMillis(deadline));
        }
    }

    /**
     * Has every event loop reconcile its balancers and pools with {@code live}, on the loop itself:
     * state of unchanged clusters and endpoints is kept, the rest drains.
     */
    private void retainUpstreams(LiveUpstreams live) {
        for (Map.Entry<EventLoop, EventLoopUpstreams> entry : upstreamsByLoop.entrySet()) {
            if (!entry.getKey().isShuttingDown()) {
                EventLoopUpstreams upstreams = entry.getValue();
                entry.getKey().execute(() -> upstreams.retain(live));
            }
        }
    }

    /** The Gateway ports with a bound listener now. */
    public Set<Integer> listenedPorts() {
        return Set.copyOf(listeners.keySet());
    }

    /** The local port the listener for {@code gatewayPort} is bound to (differs with {@code ephemeralPorts}). */
    public int boundPort(int gatewayPort) {
        Channel listener = listeners.get(gatewayPort);
        if (listener == null) {
            throw new IllegalArgumentException("gatewayPort: " + gatewayPort + " (expected: one of " + listeners.keySet() + ")");
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * The local port serving {@code gatewayPort}, or 0 while it is not bound (a reload published a
     * table whose new port is not bound yet, or could not be bound).
     */
    public int boundPortOrZero(int gatewayPort) {
        Channel listener = listeners.get(gatewayPort);
        return listener == null ? 0 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** True while every listener is bound and accepting, until {@link #stopAccepting()}. */
    public boolean ready() {
        if (closed || !accepting) {
            return false;
        }
        for (Channel listener : listeners.values()) {
            if (!listener.isActive()) {
                return false;
            }
        }
        return true;
    }

    /** The connect outcomes of every endpoint of the served config, since it was published. */
    public EndpointHealthTable endpointHealth() {
        return endpointHealth;
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /** Downstream connections accepted on {@code gatewayPort} since the process started (0 for a port never bound). */
    public long downstreamConnectionsTotal(int gatewayPort) {
        ListenerConnections connections = connectionsByPort.get(gatewayPort);
        return connections == null ? 0 : connections.total();
    }

    /** Downstream connections of {@code gatewayPort} open now, draining ones included. */
    public long downstreamConnectionsActive(int gatewayPort) {
        ListenerConnections connections = connectionsByPort.get(gatewayPort);
        return connections == null ? 0 : connections.active();
    }

    /** Upstream connections the event loops' pools have open now (idle, in use or connecting), summed. */
    public long upstreamConnectionsOpen() {
        long open = 0;
        for (EventLoopUpstreams upstreams : upstreamsByLoop.values()) {
            open += upstreams.pool().openConnections();
        }
        return open;
    }

    /** Upstream connections idle in the event loops' pools now, summed. */
    public long upstreamConnectionsIdle() {
        long idle = 0;
        for (EventLoopUpstreams upstreams : upstreamsByLoop.values()) {
            idle += upstreams.pool().idleConnections();
        }
        return idle;
    }

    /** Counts of expected network failures, for the metrics layer. */
    public ProxyCounters counters() {
        return counters;
    }

    /** Closes the listeners, the pooled connections and the event loops, waiting at most the shutdown timeout. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        for (Channel listener : listeners.values()) {
            listener.close().awaitUninterruptibly(remainingMillis(deadline));
        }
        // Open client connections close first, so what they hold (TCP forwards' upstreams) closes with them.
        for (ChannelGroup accepted : acceptedByPort.values()) {
            accepted.close().awaitUninterruptibly(remainingMillis(deadline));
        }
        draining.close().awaitUninterruptibly(remainingMillis(deadline));
        for (Map.Entry<EventLoop, EventLoopUpstreams> entry : upstreamsByLoop.entrySet()) {
            if (!entry.getKey().isShuttingDown()) {
                entry.getKey().execute(() -> entry.getValue().pool().closeIdle());
            }
        }
        workers.shutdownGracefully(0, Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        if (!workers.terminationFuture().awaitUninterruptibly(remainingMillis(deadline) + 1000)) {
            LOG.log(System.Logger.Level.WARNING, "event loops still running after " + options.shutdownTimeout());
        }
        resolverExecutor.shutdownNow();
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

}

package io.foresail.core.tcp;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Forward;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.TlsFailures;
import io.foresail.core.upstream.LoadBalancers;
import io.foresail.core.upstream.UpstreamEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One forwarded TCP connection: the downstream channel, the upstream channel it opens on the same
 * event loop, and the bytes between them, relayed as the same buffers both ways.
 *
 * <ul>
 *   <li>Connect: one destination of the forward by weight, one endpoint of its cluster by the
 *       event loop's load balancer; no cluster or no endpoint, or a failed connect, closes the
 *       downstream. Downstream reads are off while connecting; what was read before (the
 *       ClientHello of a passthrough connection) is held, at most {@link #MAX_HELD_BYTES}, and
 *       written first.</li>
 *   <li>Metrics: the {@link TcpObserver}'s meters of the destination picked are told the
 *       connection is open once upstream connected (or, with the flag it ends with, when it ends
 *       first: {@code NC} no cluster, {@code UH} no endpoint, {@code UF} connect failure), the
 *       bytes relayed each way as they are written, and the end.</li>
 *   <li>Backpressure: while one channel is not writable, the other one does not read.</li>
 *   <li>Half-close: the end of one side's input (a TCP half-close, or the client's close_notify on
 *       a terminated TLS connection) becomes, once what it sent is written, the end of the other
 *       side's output (on a terminated TLS connection: close_notify, then the TCP half-close); the
 *       connection closes when both directions have ended, when either channel closes (after
 *       flushing what is pending to the other), or on an error. Bytes for a side whose output has
 *       ended are dropped.</li>
 * </ul>
 *
 * <p>Used on the downstream channel's event loop only. Ownership: every buffer handed to this
 * class is written on or released.
 */
final class TcpConnection {

    /** Which channel an event comes from. */
    enum Side { DOWNSTREAM, UPSTREAM }

    /** The most bytes held while connecting upstream; reads are off, so only bytes already read count. */
    static final int MAX_HELD_BYTES = 1 << 20;

    /** How long a closing side may take to write what is pending for it once the other side closed. */
    static final long FLUSH_BEFORE_CLOSE_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());

    private final Channel downstream;
    private final TcpForwarding forwarding;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(2);
    private int heldBytes;
    private Channel upstream;
    private boolean downstreamInputEnded;
    private boolean upstreamInputEnded;
    private boolean upstreamOutputShut;
    private boolean downstreamOutputShut;
    private boolean closed;
    /** The destination's meters, once picked; pre-bound, never made here. */
    private TcpObserver.TcpMeters meters = TcpObserver.TcpMeters.NONE;
    private boolean openReported;
    private boolean endReported;

    TcpConnection(Channel downstream, TcpForwarding forwarding) {
        this.downstream = downstream;
        this.forwarding = forwarding;
    }

    /** Picks the upstream endpoint for {@code target} and connects to it; closes the downstream when there is none. */
    void start(TcpForward target, LoadBalancers balancers) {
        downstream.config().setAutoRead(false);
        downstream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        Forward forward = target.forward();
        WeightedDestination destination = forward.destinations().size() == 1
                ? forward.destinations().get(0)
                : forward.pick(forwarding.tickets().next(forward.totalWeight()));
        Cluster cluster = destination.cluster().orElse(null);
        UpstreamEndpoint endpoint = cluster == null ? null : balancers.pick(cluster);
        meters = forwarding.observer().meters(cluster == null ? null : cluster.name(),
                endpoint == null ? Map.of() : endpoint.endpoint().labels());
        if (endpoint == null) {
            forwarding.counters().countTcpNoUpstream();
            reportEnd(cluster == null ? ResponseFlag.NC : ResponseFlag.UH);
            close();
            return;
        }
        new Bootstrap()
                .group(downstream.eventLoop())
                .channel(forwarding.channelType())
                .resolver(forwarding.resolver())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(forwarding.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new TcpUpstreamHandler(this))
                .connect(endpoint.poolKey().remoteAddress())
                .addListener((ChannelFutureListener) this::onConnected);
    }

    private void onConnected(ChannelFuture connect) {
        if (!connect.isSuccess()) {
            if (!closed) {
                forwarding.counters().countTcpConnectFailure();
                reportEnd(ResponseFlag.UF);
            }
            close();
            return;
        }
        Channel channel = connect.channel();
        if (closed) {
            channel.close();
            return;
        }
        upstream = channel;
        openReported = true;
        meters.opened(ResponseFlag.NONE);
        ByteBuf buf;
        while ((buf = held.poll()) != null) {
            meters.received(buf.readableBytes());
            upstream.write(buf, upstream.voidPromise());
        }
        heldBytes = 0;
        upstream.flush();
        if (downstreamInputEnded) {
            endUpstreamOutput();
        } else {
            downstream.config().setAutoRead(upstream.isWritable());
        }
        upstream.config().setAutoRead(downstream.isWritable());
    }

    void onRead(Side from, ByteBuf buf) {
        if (closed) {
            buf.release();
            return;
        }
        if (from == Side.DOWNSTREAM) {
            if (upstream == null) {
                hold(buf);
            } else {
                meters.received(buf.readableBytes());
                relay(buf, downstream, upstream);
            }
        } else if (downstreamOutputShut) {
            buf.release();
        } else {
            meters.sent(buf.readableBytes());
            relay(buf, upstream, downstream);
        }
    }

    private void hold(ByteBuf buf) {
        held.add(buf);
        heldBytes += buf.readableBytes();
        if (heldBytes > MAX_HELD_BYTES) {
            LOG.log(System.Logger.Level.DEBUG, () -> "downstream " + downstream.id().asShortText() + ": "
                    + heldBytes + " bytes read while connecting upstream (expected: <= " + MAX_HELD_BYTES + "); closing");
            close();
        }
    }

    private static void relay(ByteBuf buf, Channel from, Channel to) {
        to.write(buf, to.voidPromise());
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    void onReadComplete(Side from) {
        Channel to = from == Side.DOWNSTREAM ? upstream : downstream;
        if (to != null && !closed) {
            to.flush();
        }
    }

    /** {@code side}'s channel became writable or unwritable: the other side reads exactly while it is writable. */
    void onWritabilityChanged(Side side) {
        if (closed || upstream == null) {
            return;
        }
        if (side == Side.UPSTREAM) {
            if (!downstreamInputEnded) {
                downstream.config().setAutoRead(upstream.isWritable());
            }
        } else if (!upstreamInputEnded) {
            upstream.config().setAutoRead(downstream.isWritable());
        }
    }

    /**
     * {@code side} will send nothing more: it half-closed its TCP connection or, on a terminated TLS
     * connection, sent close_notify (whichever comes first; the second is ignored). The other side's
     * output ends once all is written; the connection closes when both outputs have ended.
     */
    void onInputShutdown(Side side) {
        if (closed) {
            return;
        }
        if (side == Side.DOWNSTREAM) {
            if (downstreamInputEnded) {
                return;
            }
            downstreamInputEnded = true;
            if (!downstreamCanSend()) {
                // The TLS engine answered the client's close_notify with its own (TLS 1.2 does, and
                // Netty's OpenSSL engine in every version): nothing more can reach the client.
                downstreamOutputShut = true;
            }
            if (upstream != null) {
                endUpstreamOutput();
            }
        } else {
            if (upstreamInputEnded) {
                return;
            }
            upstreamInputEnded = true;
            if (downstreamOutputShut) {
                closeIfBothOutputsEnded();
            } else {
                endOutput(downstream, () -> downstreamOutputShut = true);
            }
        }
    }

    private boolean downstreamCanSend() {
        SslHandler tls = downstream.pipeline().get(SslHandler.class);
        return tls == null || !tls.engine().isOutboundDone();
    }

    private void endUpstreamOutput() {
        endOutput(upstream, () -> upstreamOutputShut = true);
    }

    /**
     * Writes what is pending for {@code channel}, then, on a terminated TLS connection, its
     * close_notify (without it the client cannot tell the end of the stream from a truncation),
     * then shuts its TCP output.
     */
    private void endOutput(Channel channel, Runnable ended) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                close();
                return;
            }
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                shutdownOutput(duplex, ended);
                return;
            }
            tls.closeOutbound().addListener((ChannelFutureListener) notified -> {
                if (!notified.isSuccess()) {
                    close();
                    return;
                }
                shutdownOutput(duplex, ended);
            });
        });
    }

    private void shutdownOutput(DuplexChannel duplex, Runnable ended) {
        duplex.shutdownOutput().addListener((ChannelFutureListener) shut -> {
            if (!shut.isSuccess()) {
                close();
                return;
            }
            ended.run();
            closeIfBothOutputsEnded();
        });
    }

    private void closeIfBothOutputsEnded() {
        if (upstreamOutputShut && downstreamOutputShut) {
            close();
        }
    }

    /**
     * {@code side}'s channel closed: the other one closes once what is pending for it is written,
     * at the latest after {@link #FLUSH_BEFORE_CLOSE_MILLIS} (Envoy's {@code delayed_close_timeout}),
     * and at once when it is not writable (its peer is not reading).
     */
    void onInactive(Side side) {
        if (closed) {
            return;
        }
        closed = true;
        reportEnd(ResponseFlag.NONE);
        releaseHeld();
        Channel other = side == Side.DOWNSTREAM ? upstream : downstream;
        if (other == null || !other.isActive()) {
            return;
        }
        if (!other.isWritable()) {
            other.close();
            return;
        }
        other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        other.eventLoop().schedule(() -> {
            other.close();
        }, FLUSH_BEFORE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onException(Side side, Throwable cause) {
        if (cause instanceof IOException) {
            forwarding.counters().countTcpReset();
        } else if (side == Side.DOWNSTREAM && TlsFailures.isTlsFailure(cause)) {
            forwarding.counters().countDownstreamTlsError(cause);
            LOG.log(System.Logger.Level.DEBUG, () -> "downstream " + downstream.id().asShortText()
                    + ": TLS failure: " + TlsFailures.describe(cause));
        } else {
            forwarding.counters().countUnexpectedError();
            LOG.log(System.Logger.Level.WARNING, "downstream " + downstream.id().asShortText() + ": unexpected error on the "
                    + side.name().toLowerCase(java.util.Locale.ROOT) + " side of a TCP forward", cause);
        }
        close();
    }

    /** Closes both channels now and releases what is held. */
    private void close() {
        closed = true;
        reportEnd(ResponseFlag.NONE);
        releaseHeld();
        downstream.close();
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Tells the meters the connection ended with {@code flag}, and that it opened if that was not told yet; once. */
    private void reportEnd(ResponseFlag flag) {
        if (endReported) {
            return;
        }
        endReported = true;
        if (!openReported) {
            openReported = true;
            meters.opened(flag);
        }
        meters.closed(flag);
    }

    private void releaseHeld() {
        ByteBuf buf;
        while ((buf = held.poll()) != null) {
            buf.release();
        }
        heldBytes = 0;
    }
}
